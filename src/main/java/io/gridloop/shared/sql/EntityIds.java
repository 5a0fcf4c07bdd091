package io.gridloop.shared.sql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.id.IdentifierGeneratorHelper;
import org.hibernate.id.IntegralDataTypeHolder;
import org.hibernate.id.enhanced.AccessCallback;
import org.hibernate.id.enhanced.Optimizer;
import org.hibernate.id.enhanced.SequenceStyleGenerator;

/**
 * Ids for the rows of an entity that {@link Jdbc} writes: from the optimizer of the entity's mapped generator, the very
 * one the ORM takes its ids from, so both draw on the same blocks of the entity's sequence, never the same id; when a
 * block runs out, the sequence is read by {@link Jdbc}. No Hibernate session is needed, as the ORM's generator needs
 * one to read the sequence.
 */
@Singleton
public class EntityIds {

    private final Jdbc jdbc;
    private final SessionFactoryImplementor sessions;
    private final Map<Class<?>, Source> sources = new ConcurrentHashMap<>();

    EntityIds(Jdbc jdbc, SessionFactory sessions) {
        this.jdbc = jdbc;
        this.sessions = sessions.unwrap(SessionFactoryImplementor.class);
    }

    /** The next id of the entity, whose id the mapping takes from a sequence. */
    public long next(Class<?> entity) {
        Source source = sources.computeIfAbsent(entity, this::source);
        return ((Number) source.optimizer().generate(source)).longValue();
    }

    private Source source(Class<?> entity) {
        if (!(sessions.getMappingMetamodel().getEntityDescriptor(entity).getGenerator() instanceof SequenceStyleGenerator generator)) {
            throw new IllegalArgumentException(entity + " does not take its ids from a sequence");
        }
        return new Source(generator.getOptimizer(), generator.getDatabaseStructure().getPhysicalName().render(), jdbc);
    }

    /** The entity's optimizer, and the sequence it reads for a new block. */
    private record Source(Optimizer optimizer, String sequence, Jdbc jdbc) implements AccessCallback {

        @Override
        public IntegralDataTypeHolder getNextValue() {
            long value = jdbc.rows("SELECT nextval(CAST(? AS regclass))", row -> row.getLong(1), sequence).get(0);
            return IdentifierGeneratorHelper.getIntegralDataTypeHolder(Long.class).initialize(value);
        }

        @Override
        public String getTenantIdentifier() {
            return null;
        }
    }
}
