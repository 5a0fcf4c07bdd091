package io.gridloop.calendar;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Writes a district's holiday calendar from an import file (the demo seeds). A year is written only
 * when the district has no calendar for it yet: once an administrator has replaced a year through the
 * API, importing again must not add days back into it.
 */
@ApplicationScoped
public class CalendarImport {

    private final EntityManager entityManager;

    CalendarImport(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records the year with its status; returns whether it was new, and so whether its days are to be imported. */
    @Transactional(TxType.MANDATORY)
    public boolean year(long districtId, int year, CalendarStatus status) {
        return entityManager.createNativeQuery(
                "INSERT INTO calendar_year (district_id, year, status) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, districtId).setParameter(2, year).setParameter(3, status.name()).executeUpdate() == 1;
    }

    /** A holiday, or a make-up working day (调休) when {@code working}. */
    @Transactional(TxType.MANDATORY)
    public void day(long districtId, LocalDate day, boolean working, String name) {
        entityManager.createNativeQuery(
                "INSERT INTO holiday (district_id, day, working, name) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, districtId).setParameter(2, day).setParameter(3, working).setParameter(4, name).executeUpdate();
    }
}
