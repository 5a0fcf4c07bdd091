package io.gridloop.inbox;

import static io.gridloop.inbox.InboxFixtures.districtId;
import static io.gridloop.inbox.InboxFixtures.resident;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;

/** Inboxes do not grow without end: read notifications go after 90 days, all after a year. */
@QuarkusTest
class InboxRetentionTest {

    @Inject
    InboxRetention retention;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void read_notifications_go_after_ninety_days_and_every_notification_after_a_year() {
        long account = Api.accountId(resident());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        insert(account, "two years old, never read", now.minusYears(2), null);
        insert(account, "read 95 days ago", now.minusDays(100), now.minusDays(95));
        insert(account, "read 10 days ago", now.minusDays(100), now.minusDays(10));
        insert(account, "100 days old, unread", now.minusDays(100), null);
        insert(account, "yesterday's, read", now.minusDays(1), now.minusDays(1));

        assertThat(retention.purge(), greaterThanOrEqualTo(2));

        assertThat(Sql.column(dataSource, "SELECT text FROM notification WHERE account_id = ?", account),
                containsInAnyOrder("read 10 days ago", "100 days old, unread", "yesterday's, read"));
    }

    private void insert(long account, String text, OffsetDateTime createdAt, OffsetDateTime readAt) {
        Sql.update(dataSource, """
                INSERT INTO notification (id, district_id, account_id, kind, text, created_at, read_at)
                VALUES (nextval('notification_seq'), ?, ?, 'DISPATCHED', ?, ?, ?)""",
                districtId(), account, text, createdAt, readAt);
    }
}
