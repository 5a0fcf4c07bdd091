package io.gridloop.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;

/** The audit is kept 400 days by default, never less than six months, then removed. */
@QuarkusTest
class AuditRetentionTest {

    @Inject
    AuditRetention retention;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void entries_older_than_the_kept_period_go_and_younger_ones_stay() {
        long actor = 500_000_000L + System.nanoTime() % 1_000_000;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        insert(actor, "two years old", now.minusYears(2));
        insert(actor, "401 days old", now.minusDays(401));
        insert(actor, "399 days old", now.minusDays(399));
        insert(actor, "seven months old", now.minusDays(213));
        insert(actor, "yesterday's", now.minusDays(1));

        assertThat(retention.purge(), greaterThanOrEqualTo(2));

        assertThat(Sql.column(dataSource, "SELECT subject FROM audit_event WHERE actor_id = ?", actor),
                containsInAnyOrder("399 days old", "seven months old", "yesterday's"));
    }

    @Test
    void a_kept_period_shorter_than_six_months_is_refused() {
        assertThrows(IllegalStateException.class, () -> AuditRetention.requireSixMonths(Duration.ofDays(182)));
        assertThrows(IllegalStateException.class, () -> AuditRetention.requireSixMonths(Duration.ofDays(30)));
        assertDoesNotThrow(() -> AuditRetention.requireSixMonths(Duration.ofDays(183)));
    }

    private void insert(long actor, String subject, OffsetDateTime at) {
        Sql.update(dataSource, "INSERT INTO audit_event (district_id, kind, at, actor_id, subject) VALUES (1, 'API_KEY_CREATED', ?, ?, ?)",
                at, actor, subject);
    }
}
