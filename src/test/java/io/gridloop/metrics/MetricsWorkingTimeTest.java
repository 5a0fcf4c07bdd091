package io.gridloop.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridloop.calendar.WorkingDays;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The recount's working time ({@link WorkingDays}: the days read once, worked(b) - worked(a)) equals the
 * triggers' (V17's metrics_working_seconds, an interval's days summed) to the microsecond, for 3,000
 * intervals of up to 40 days starting at any microsecond, over a calendar with public holidays on
 * weekdays and make-up working days on weekends, in Shanghai and in a zone with DST changes (23- and
 * 25-hour days). The holidays are inserted in a transaction that is rolled back.
 */
@QuarkusTest
class MetricsWorkingTimeTest {

    @Inject
    EntityManager entityManager;

    @ParameterizedTest
    @ValueSource(strings = { "Asia/Shanghai", "America/New_York" })
    void the_recount_and_the_triggers_count_the_same_working_time(String zone) {
        QuarkusTransaction.begin();
        try {
            long district = ((Number) entityManager.createNativeQuery("SELECT id FROM region WHERE type = 'DISTRICT' ORDER BY id LIMIT 1")
                    .getSingleResult()).longValue();
            entityManager.createNativeQuery("DELETE FROM holiday WHERE district_id = ?1").setParameter(1, district).executeUpdate();
            // every 11th day of 2027 a holiday if it is a weekday, a make-up working day if it is a weekend day
            entityManager.createNativeQuery("""
                    INSERT INTO holiday (district_id, day, working, name)
                    SELECT ?1, CAST(d AS date), extract(isodow FROM d) >= 6, 'test'
                    FROM generate_series(date '2027-01-01', date '2027-12-31', interval '11 days') d""")
                    .setParameter(1, district).executeUpdate();
            String sql = """
                    WITH spans AS MATERIALIZED (
                             SELECT a, a + (random() * 40 * 86400 * 1000000) * interval '1 microsecond' AS b
                             FROM (SELECT timestamptz '2027-01-01 00:00:00+00' + (random() * 360 * 86400 * 1000000) * interval '1 microsecond' AS a
                                   FROM (SELECT setseed(0.42)) s, generate_series(1, 3000)) x),
                         days AS MATERIALIZED (%s)
                    SELECT count(*) FILTER (WHERE metrics_working_seconds(:district, s.a, s.b, :zone) <> %s - %s),
                           sum(metrics_working_seconds(:district, s.a, s.b, :zone)),
                           sum(extract(epoch FROM s.b - s.a))
                    FROM spans s
                    JOIN days a ON a.day = CAST(s.a AT TIME ZONE :zone AS date)
                    JOIN days b ON b.day = CAST(s.b AT TIME ZONE :zone AS date)"""
                    .formatted(WorkingDays.of(":district", "(SELECT min(a) FROM spans)", "(SELECT max(b) FROM spans)", ":zone"),
                            WorkingDays.workedUntil("b", "s.b"), WorkingDays.workedUntil("a", "s.a"));
            Object[] row = (Object[]) entityManager.createNativeQuery(sql).setParameter("district", district)
                    .setParameter("zone", zone).getSingleResult();
            assertEquals(0L, ((Number) row[0]).longValue(), "intervals whose working time differs");
            BigDecimal working = (BigDecimal) row[1];
            BigDecimal elapsed = (BigDecimal) row[2];
            // not a vacuous pass: the intervals hold working and non-working time
            assertNotEquals(0, working.signum());
            assertEquals(1, elapsed.compareTo(working));
        } finally {
            QuarkusTransaction.rollback();
        }
    }
}
