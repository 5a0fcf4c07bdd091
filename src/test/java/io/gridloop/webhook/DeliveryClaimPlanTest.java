package io.gridloop.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Plans;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A pass of the delivery worker reads about as many outbox rows as it takes, however long the outbox
 * has grown (a receiver down for an hour under filing load): with 20,000 pending deliveries in 5,000
 * streams of four, taking a batch of 50 reads a few hundred rows of {@code webhook_delivery}, and takes
 * the 50 heads that fell due first; also when the planner's statistics were taken before the backlog,
 * while nearly every delivery was delivered (what autovacuum leaves behind under steady load, and where
 * a claim that tested heads with {@code NOT EXISTS} hashed the whole backlog on every pass). Inserted and
 * rolled back.
 */
@QuarkusTest
class DeliveryClaimPlanTest {

    private static final int BATCH = 50;
    private static final String WITHOUT_THE_SETTING = "\n-- the claim without the pass's setting";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Test
    void a_pass_reads_about_as_many_rows_as_it_takes() throws Exception {
        passOverBacklog(false);
    }

    @Test
    void a_pass_reads_about_as_many_rows_as_it_takes_with_statistics_from_before_the_backlog() throws Exception {
        passOverBacklog(true);
    }

    /**
     * A pass's claim is planned with its values, never from a plan cached for the connection. Run often enough on one
     * connection (the driver prepares it on the server after five uses, PostgreSQL compares five plans), a statement is
     * planned once for all values; made while the outbox was empty (each B round of bench/webhooks.sh began with an
     * outbox the unsubscribe had emptied, as unsubscribing did until it left the deliveries to the retention), that
     * plan scans the whole outbox and again for each row (auto_explain, in the benchmark: 10,000 buffers and 160 ms a
     * pass at a few hundred pending rows, for minutes, until autovacuum analysed the table). Empty copies of the outbox (temporary tables, which come first on the search path) stand
     * for the empty outbox; the same statement without the pass's setting shows that PostgreSQL keeps a plan here.
     */
    @Test
    void a_claim_is_planned_with_its_values_also_after_many_over_an_empty_outbox() throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (String table : List.of("webhook_subscription", "webhook_delivery")) {
                    try (PreparedStatement copy = connection.prepareStatement(
                            "CREATE TEMPORARY TABLE " + table + " (LIKE public." + table + " INCLUDING ALL) ON COMMIT DROP")) {
                        copy.execute();
                    }
                }
                String control = DeliveryWorker.CLAIM + WITHOUT_THE_SETTING;
                for (int i = 0; i < 12; i++) {
                    try (PreparedStatement claim = Sql.prepare(connection, control, now, BATCH); ResultSet rows = claim.executeQuery()) {
                        assertFalse(rows.next());
                    }
                }
                assertTrue(genericPlans(connection, true) > 0, "PostgreSQL keeps one plan for the statement here");
                for (int i = 0; i < 12; i++) {
                    assertEquals(List.of(), DeliveryWorker.claim(connection, now, BATCH));
                }
                assertEquals(0, genericPlans(connection, false), "plans of the claim made once for all values");
            } finally {
                connection.rollback();
            }
        }
    }

    /** How many times this connection ran the claim (or its copy without the pass's setting) from a plan made once for all values. */
    private static long genericPlans(Connection connection, boolean withoutTheSetting) throws Exception {
        try (PreparedStatement plans = Sql.prepare(connection, """
                SELECT coalesce(sum(generic_plans), 0) FROM pg_prepared_statements
                WHERE statement LIKE '%FOR UPDATE OF d SKIP LOCKED%' AND (statement LIKE '%' || ?) = ?""",
                WITHOUT_THE_SETTING, withoutTheSetting); ResultSet rows = plans.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void passOverBacklog(boolean statisticsBefore) throws Exception {
        long district = Sql.count(dataSource, "SELECT min(id) FROM region WHERE type = 'DISTRICT'");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long subscription;
                try (PreparedStatement insert = Sql.prepare(connection, """
                        INSERT INTO webhook_subscription (district_id, url, events, secret, created_at)
                        VALUES (?, 'http://127.0.0.1:9/plan', ARRAY['ticket.created'], 'whsec_cGxhbg==', now()) RETURNING id""",
                        district); ResultSet id = insert.executeQuery()) {
                    id.next();
                    subscription = id.getLong(1);
                }
                if (statisticsBefore) {
                    try (PreparedStatement delivered = Sql.prepare(connection, """
                            INSERT INTO webhook_delivery (subscription_id, ticket_id, event_id, event_type, status, created_at,
                                                          retry_from, next_attempt_at, delivered_at)
                            SELECT ?, -t, -t, 'ticket.created', 'DELIVERED', now(), now(), now(), now()
                            FROM generate_series(100000, 139999) t""", subscription)) {
                        assertEquals(40_000, delivered.executeUpdate());
                    }
                    analyze(connection);
                }
                // due before anything other tests leave in the outbox, so the pass takes these first
                try (PreparedStatement backlog = Sql.prepare(connection, """
                        INSERT INTO webhook_delivery (subscription_id, ticket_id, event_id, event_type, created_at, retry_from,
                                                      next_attempt_at)
                        SELECT ?, -t, -(t * 4 + k), 'ticket.status_changed', now(), now(),
                               timestamptz '2001-01-01' + (t * 4 + k) * interval '100 milliseconds'
                        FROM generate_series(1, 5000) t, generate_series(1, 4) k ORDER BY t, k""", subscription)) {
                    assertEquals(20_000, backlog.executeUpdate());
                }
                if (!statisticsBefore) {
                    analyze(connection);
                }
                OffsetDateTime now = OffsetDateTime.now();
                JsonNode plan;
                try (PreparedStatement explain = Sql.prepare(connection, "EXPLAIN (ANALYZE, FORMAT JSON) " + DeliveryWorker.CLAIM,
                        now, BATCH); ResultSet result = explain.executeQuery()) {
                    result.next();
                    plan = json.readTree(result.getString(1));
                }
                long read = Plans.rowsRead(plan, "webhook_delivery");
                assertTrue(read <= 20 * BATCH, "rows of webhook_delivery read: " + read + "\n" + plan.toPrettyString());
                assertEquals(LongStream.rangeClosed(1, BATCH).map(t -> -(t * 4 + 1)).boxed().toList(), taken(connection, now),
                        "the heads of the 50 streams that fell due first");
            } finally {
                connection.rollback();
            }
        }
    }

    private static void analyze(Connection connection) throws Exception {
        try (PreparedStatement analyze = connection.prepareStatement("ANALYZE webhook_delivery")) {
            analyze.execute();
        }
    }

    /** The events of the deliveries a pass takes (what it locked already, in this transaction), in the order they fell due. */
    private static List<Long> taken(Connection connection, OffsetDateTime now) throws Exception {
        List<Long> events = new ArrayList<>();
        try (PreparedStatement claim = Sql.prepare(connection, DeliveryWorker.CLAIM + " ORDER BY due.id", now, BATCH);
                ResultSet rows = claim.executeQuery()) {
            while (rows.next()) {
                events.add(rows.getLong("event_id"));
            }
        }
        return events;
    }
}
