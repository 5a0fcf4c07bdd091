package io.gridloop.shared.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.junit.jupiter.api.Test;

import io.gridloop.ticket.TicketEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@link Jdbc}'s statements share the transaction's connection and fail as the ORM's do; {@link EntityIds} takes ids from
 * the same blocks as the ORM's generator of the entity.
 */
@QuarkusTest
class JdbcTest {

    @Inject
    Jdbc jdbc;

    @Inject
    EntityIds ids;

    @Inject
    EntityManager entityManager;

    @Test
    void statements_in_a_transaction_share_its_connection() {
        QuarkusTransaction.requiringNew().run(() -> {
            jdbc.update("CREATE TEMP TABLE jdbc_probe (x integer PRIMARY KEY) ON COMMIT DROP");
            jdbc.update("INSERT INTO jdbc_probe VALUES (?)", 1);
            assertEquals(List.of(1), jdbc.rows("SELECT x FROM jdbc_probe", row -> row.getInt(1)));
            assertEquals(1, ((Number) entityManager.createNativeQuery("SELECT count(*) FROM jdbc_probe").getSingleResult())
                    .intValue(), "the ORM's statements did not see the table of the transaction");
        });
    }

    @Test
    void a_unique_index_refusal_is_the_orms_constraint_violation_naming_the_index() {
        ConstraintViolationException refused = assertThrows(ConstraintViolationException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    jdbc.update("CREATE TEMP TABLE jdbc_unique (x integer CONSTRAINT jdbc_unique_x PRIMARY KEY) ON COMMIT DROP");
                    jdbc.update("INSERT INTO jdbc_unique VALUES (1), (1)");
                }));
        assertEquals("23505", refused.getSQLState());
        assertTrue(refused.getConstraintName().contains("jdbc_unique_x"), refused.getConstraintName());
    }

    /** Bulk reads columns from the driver's result, past the pool's wrapper and its check of the transaction on each call. */
    @Test
    void columns_are_read_from_the_drivers_own_result() {
        List<String> results = jdbc.rows("SELECT ?::integer", row -> row.getClass().getName() + "=" + row.getInt(1), 7);
        assertEquals(1, results.size());
        assertTrue(results.get(0).startsWith("org.postgresql.") && results.get(0).endsWith("=7"), results.toString());
    }

    /**
     * A connection the database ended is not handed out again. (Not a test of where Bulk executes: with its statements
     * executed on the driver's own objects, past the pool's wrapper, this passes too; the pool finds the connection
     * closed either way.)
     */
    @Test
    void a_connection_the_database_ended_is_not_handed_out_again() {
        assertThrows(RuntimeException.class, () -> jdbc.rows("SELECT pg_terminate_backend(pg_backend_pid())", row -> true));
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of(1), jdbc.rows("SELECT ?::integer", row -> row.getInt(1), 1));
        }
    }

    @Test
    void ids_come_from_the_same_blocks_as_the_orms() {
        List<Long> taken = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            SharedSessionContractImplementor session = entityManager.unwrap(SharedSessionContractImplementor.class);
            BeforeExecutionGenerator orm = (BeforeExecutionGenerator) session.getFactory().getMappingMetamodel()
                    .getEntityDescriptor(TicketEvent.class).getGenerator();
            for (int i = 0; i < 10; i++) {
                taken.add(ids.next(TicketEvent.class));
                taken.add((Long) orm.generate(session, null, null, EventType.INSERT));
            }
        });
        int jumps = 0;
        for (int i = 1; i < taken.size(); i++) {
            assertTrue(taken.get(i) > taken.get(i - 1), "ids not increasing: " + taken);
            jumps += taken.get(i) - taken.get(i - 1) == 1 ? 0 : 1;
        }
        // one block of 50 holds twenty ids, or the twenty cross into the next block once
        assertTrue(jumps <= 1, "the ORM and EntityIds took ids from blocks of their own: " + taken);
    }
}
