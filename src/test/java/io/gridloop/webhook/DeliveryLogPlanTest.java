package io.gridloop.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Plans;
import io.gridloop.support.Sql;
import io.gridloop.webhook.WebhookViews.DeliveryStatus;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A page of a subscription's delivery log reads about as many rows as it shows, for each status, however long the
 * log: with 20,000 delivered deliveries newer than the three dead letters and the two pending ones, and with none
 * pending (a client polling for the outbox to drain). Walking the log's index for the rare statuses read all of it.
 * The very queries the service runs, inserted and rolled back.
 */
@QuarkusTest
class DeliveryLogPlanTest {

    private static final int PAGE = 10;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Test
    void a_page_of_each_status_reads_about_as_many_rows_as_it_shows() throws Exception {
        long district = Sql.count(dataSource, "SELECT min(id) FROM region WHERE type = 'DISTRICT'");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long subscription = insertOne(connection, """
                        INSERT INTO webhook_subscription (district_id, url, events, secret, created_at)
                        VALUES (?, 'http://127.0.0.1:9/log', ARRAY['ticket.created'], 'whsec_cGxhbg==', now()) RETURNING id""",
                        district);
                List<Long> dead = deliveries(connection, subscription, "DEAD", 3);
                List<Long> pending = deliveries(connection, subscription, "PENDING", 2);
                List<Long> delivered = deliveries(connection, subscription, "DELIVERED", 20_000);
                analyze(connection);

                assertPage(connection, subscription, DeliveryStatus.DEAD, newestFirst(dead));
                assertPage(connection, subscription, DeliveryStatus.PENDING, newestFirst(pending));
                assertPage(connection, subscription, DeliveryStatus.DELIVERED, newestFirst(delivered).subList(0, PAGE));
                assertPage(connection, subscription, null, newestFirst(delivered).subList(0, PAGE));

                try (PreparedStatement drained = Sql.prepare(connection,
                        "UPDATE webhook_delivery SET status = 'DELIVERED' WHERE subscription_id = ? AND status = 'PENDING'",
                        subscription)) {
                    assertEquals(2, drained.executeUpdate());
                }
                assertPage(connection, subscription, DeliveryStatus.PENDING, List.of());
            } finally {
                connection.rollback();
            }
        }
    }

    /** The page the service shows and the rows of webhook_delivery its query read for it. */
    private void assertPage(Connection connection, long subscription, DeliveryStatus status, List<Long> expected) throws Exception {
        String query = Webhooks.deliveriesQuery(status);
        List<Long> shown = new ArrayList<>();
        try (PreparedStatement page = Sql.prepare(connection, query, subscription, Long.MAX_VALUE, PAGE);
                ResultSet rows = page.executeQuery()) {
            while (rows.next()) {
                shown.add(rows.getLong("id"));
            }
        }
        assertEquals(expected, shown, "the page of " + status);
        JsonNode plan;
        try (PreparedStatement explain = Sql.prepare(connection, "EXPLAIN (ANALYZE, FORMAT JSON) " + query, subscription,
                Long.MAX_VALUE, PAGE); ResultSet result = explain.executeQuery()) {
            result.next();
            plan = json.readTree(result.getString(1));
        }
        long read = Plans.rowsRead(plan, "webhook_delivery");
        assertTrue(read <= 2 * PAGE, "rows of webhook_delivery read for a page of " + status + ": " + read + "\n" + plan.toPrettyString());
    }

    private static List<Long> deliveries(Connection connection, long subscription, String status, int count) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement insert = Sql.prepare(connection, """
                INSERT INTO webhook_delivery (subscription_id, ticket_id, event_id, event_type, status, created_at, retry_from,
                                              next_attempt_at)
                SELECT ?, -t, -t, 'ticket.created', ?, now(), now(), now() + interval '1 hour'
                FROM generate_series(1, ?) t ORDER BY t RETURNING id""", subscription, status, count);
                ResultSet rows = insert.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        ids.sort(null);
        return ids;
    }

    private static List<Long> newestFirst(List<Long> ids) {
        List<Long> newest = new ArrayList<>(ids);
        newest.sort(Comparator.reverseOrder());
        return newest;
    }

    private static long insertOne(Connection connection, String sql, Object... arguments) throws Exception {
        try (PreparedStatement insert = Sql.prepare(connection, sql, arguments); ResultSet id = insert.executeQuery()) {
            id.next();
            return id.getLong(1);
        }
    }

    private static void analyze(Connection connection) throws Exception {
        try (PreparedStatement analyze = connection.prepareStatement("ANALYZE webhook_delivery")) {
            analyze.execute();
        }
    }
}
