package io.gridloop.ticket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Human numbers, GL-2026-000123: one PostgreSQL sequence per district and year. nextval never hands
 * out a value twice, across transactions and instances, and takes no row lock, so concurrent filings
 * do not queue behind each other. A filing that rolls back leaves a gap, never a repeat.
 */
@ApplicationScoped
class TicketNumbers {

    private final EntityManager entityManager;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    TicketNumbers(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    String next(long districtId, int year) {
        String sequence = "ticket_number_" + districtId + "_" + year;
        if (!known.contains(sequence)) {
            create(sequence);
            known.add(sequence);
        }
        long value = ((Number) entityManager.createNativeQuery("SELECT nextval('" + sequence + "')").getSingleResult())
                .longValue();
        return String.format("GL-%d-%06d", year, value);
    }

    /** Once per district and year; the advisory lock keeps two instances from racing on the DDL. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void create(String sequence) {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, sequence).getSingleResult();
        entityManager.createNativeQuery("CREATE SEQUENCE IF NOT EXISTS " + sequence).executeUpdate();
    }
}
