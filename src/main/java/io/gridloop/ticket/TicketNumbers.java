package io.gridloop.ticket;

import java.util.Collections;
import java.util.Set;

import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import io.gridloop.shared.cache.Caches;

/**
 * Human numbers, GL-2026-000123: one PostgreSQL sequence per district and year. nextval never hands
 * out a value twice, across transactions and instances, and takes no row lock, so concurrent filings
 * do not queue behind each other. A filing that rolls back leaves a gap, never a repeat.
 */
@Singleton
class TicketNumbers {

    /**
     * The next number of a district's year, drawn by the statement that inserts the ticket (one round trip, not two),
     * with the year and the sequence's name ({@link Draw}) in its two places. GL-2026-000123: the year, and the value in
     * at least six digits. A subquery of its own, so that {@code nextval} is called once for the number it formats.
     */
    static final String DRAWN = "(SELECT 'GL-' || CAST(? AS integer) || '-' || lpad(CAST(d.n AS text), greatest(6,"
            + " length(CAST(d.n AS text))), '0') FROM (SELECT nextval(CAST(? AS regclass)) AS n OFFSET 0) d)";

    /** The year and the sequence a number is drawn from ({@link #DRAWN}). */
    record Draw(int year, String sequence) {
    }

    private final EntityManager entityManager;
    /** Sequences seen committed; a name is only added once a later transaction found it. One forgotten is looked up again. */
    private final Set<String> known = Collections.newSetFromMap(Caches.bounded(1_000).<String, Boolean> build().asMap());

    TicketNumbers(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Runs in the filing's own transaction when the sequence is not {@link #ready} (a second connection here could
     * exhaust the pool under load).
     */
    Draw draw(long districtId, int year) {
        String sequence = sequence(districtId, year);
        if (!known.contains(sequence)) {
            ensure(sequence);
        }
        return new Draw(year, sequence);
    }

    /** Whether the year's sequence is known to be there: then {@link #draw} issues no statement. */
    boolean ready(long districtId, int year) {
        return known.contains(sequence(districtId, year));
    }

    private static String sequence(long districtId, int year) {
        return "ticket_number_" + districtId + "_" + year;
    }

    /**
     * The first filing of a district's year creates its sequence, under an advisory lock held to the
     * end of the transaction so concurrent first filings, on any instance, wait for that commit
     * instead of racing on the DDL. A rollback takes the sequence with it, so the name is only
     * remembered when it is found already committed.
     */
    private void ensure(String sequence) {
        boolean committed = entityManager.createNativeQuery("SELECT to_regclass(?1) IS NOT NULL")
                .setParameter(1, sequence).getSingleResult().equals(Boolean.TRUE);
        if (committed) {
            known.add(sequence);
            return;
        }
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, sequence).getSingleResult();
        entityManager.createNativeQuery("CREATE SEQUENCE IF NOT EXISTS " + sequence).executeUpdate();
    }
}
