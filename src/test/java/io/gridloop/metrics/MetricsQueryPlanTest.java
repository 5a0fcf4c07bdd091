package io.gridloop.metrics;

import static io.gridloop.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.shared.sql.Jdbc;
import io.gridloop.shared.sql.Where;
import io.gridloop.support.Plans;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The summary's statements read the counters of V17 through their indexes, not by a scan: on 150 grids
 * with a counter row per grid and day over two years (and one per month), inserted and rolled back,
 * a district's year, a district's month and a grid's ragged period each read the period's rows by
 * index; and so do overdue
 * and supervised, from V38's counters and, of V28's rows of supervision events (a row every seventh day of each
 * grid over ten years), only those that carry a ticket into the period, by V38's span indexes. The tickets and events the bulk copies are in the database too (10,000 tickets with four events
 * each, also rolled back, with the metrics triggers off in that transaction). The boards of a
 * district's month read theirs by index too: the members' month rows by V31's, which holds every figure the
 * board reads (so that an ended month is read from the index alone), the grids' own rows by V30's, among ten
 * members' rows per grid and month at the grid and at the district.
 */
@QuarkusTest
class MetricsQueryPlanTest {

    @Inject
    MetricsQueries queries;

    @Inject
    EntityManager entityManager;

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper json;

    @Test
    void the_summary_and_the_boards_read_the_counters_and_the_timeline_through_their_indexes() throws Exception {
        // the model the bulk copies: a ticket of grid 1 as filed through the API
        as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", "计划", "description", "样本")).post("/api/v1/tickets")
                .then().statusCode(201);
        QuarkusTransaction.begin();
        try {
            // the plan, not the counting, is under test (the counter rows are inserted below): the metrics triggers
            // are off in this transaction, which a 40,000-event statement could keep busy past its timeout
            entityManager.createNativeQuery("ALTER TABLE ticket DISABLE TRIGGER metrics_count_filed_tickets").executeUpdate();
            entityManager.createNativeQuery("ALTER TABLE ticket_event DISABLE TRIGGER metrics_count_events").executeUpdate();
            entityManager.createNativeQuery("""
                    INSERT INTO ticket (id, district_id, number, kind, category_id, title, grid_id, grid_path, reporter_name,
                                        source, priority, status, created_at, updated_at)
                    SELECT -g, t.district_id, 'PLAN-' || g, 'ISSUE', t.category_id, '计划', t.grid_id, t.grid_path, '测试',
                           'HOTLINE', 'NORMAL', 'CLOSED', timestamptz '2021-01-01' + g * interval '105 minutes',
                           timestamptz '2021-01-01' + g * interval '105 minutes'
                    FROM generate_series(1, 10000) g, (SELECT * FROM ticket ORDER BY id DESC LIMIT 1) t""").executeUpdate();
            entityManager.createNativeQuery("""
                    INSERT INTO ticket_event (id, ticket_id, district_id, action, to_status, details, created_at)
                    SELECT -(g * 4 + k), -g, t.district_id, (ARRAY['dispatch', 'claim', 'resolve', 'feedback'])[k], 'CLOSED',
                           CASE k WHEN 1 THEN jsonb_build_object('responseDueAt', t.created_at + interval '3 hours',
                                                                 'resolutionDueAt', t.created_at + interval '2 days')
                                  WHEN 4 THEN '{"rating": "SATISFIED", "solved": "SOLVED"}' END,
                           t.created_at + k * interval '1 hour'
                    FROM generate_series(1, 10000) g JOIN ticket t ON t.id = -g, generate_series(1, 4) k""").executeUpdate();
            long district = ((Number) entityManager.createNativeQuery("SELECT district_id FROM ticket WHERE id = -1")
                    .getSingleResult()).longValue();
            String path = (String) entityManager.createNativeQuery("SELECT path FROM region WHERE id = ?1")
                    .setParameter(1, district).getSingleResult();
            String grid = (String) entityManager.createNativeQuery("SELECT grid_path FROM ticket WHERE id = -1").getSingleResult();
            entityManager.createNativeQuery("""
                    INSERT INTO metrics_counter (district_id, grain, member_id, grid_path, day, grid_id, response_due, resolved, rated)
                    SELECT ?1, grain, 0, ?2 || (900000 + g) || '/', day, 900000 + g, 3, 2, 1
                    FROM generate_series(1, 150) g,
                         LATERAL (SELECT 'D', CAST(d AS date) FROM generate_series(date '2021-01-01', date '2022-12-31', interval '1 day') d
                                  UNION ALL
                                  SELECT 'M', CAST(d AS date) FROM generate_series(date '2021-01-01', date '2022-12-01', interval '1 month') d)
                              AS x (grain, day)""").setParameter(1, district).setParameter(2, path).executeUpdate();
            entityManager.createNativeQuery("""
                    INSERT INTO metrics_filed (district_id, grain, grid_path, day, dimension, value, n)
                    SELECT c.district_id, c.grain, c.grid_path, c.day, k.dimension, k.value, 2
                    FROM metrics_counter c, metrics_filed_keys('CLOSED', 1, 'HOTLINE', 'MINOR') k
                    WHERE c.grid_id > 900000""").executeUpdate();
            // ten years of them, so that a year is a tenth (a district keeps its history)
            entityManager.createNativeQuery("""
                    INSERT INTO metrics_supervision (event_id, ticket_id, district_id, grid_path, day, overdue, supervised, overdue_before,
                                                     supervised_before)
                    SELECT -row_number() OVER (), -row_number() OVER (), ?1, g.grid_path, CAST(d AS date), true,
                           extract(day FROM d) < 15, CASE WHEN extract(day FROM d) < 5 THEN CAST(d AS date) - 3 END, NULL
                    FROM (SELECT DISTINCT grid_path FROM metrics_counter WHERE grid_id > 900000) g,
                         generate_series(date '2013-01-01', date '2022-12-31', interval '7 days') d""")
                    .setParameter(1, district).executeUpdate();
            for (String table : List.of("ticket", "ticket_event", "metrics_counter", "metrics_filed", "metrics_supervision")) {
                entityManager.createNativeQuery("ANALYZE " + table).executeUpdate();
            }
            // parallel plans made free, so the planner would take them; the questions' own settings must keep them in one process
            for (String free : List.of("parallel_setup_cost", "parallel_tuple_cost", "min_parallel_index_scan_size",
                    "min_parallel_table_scan_size")) {
                entityManager.createNativeQuery("SELECT set_config('" + free + "', '0', true)").getSingleResult();
            }
            queries.planForTheseValues();
            ZoneId zone = ZoneId.of("Asia/Shanghai");
            for (Object[] asked : new Object[][] { { path, Period.of("2022-01-01", "2022-12-31", zone, 3660) },
                    { path, Period.of("2022-06-01", "2022-06-30", zone, 3660) }, { grid, Period.of("2022-03-15", "2022-05-20", zone, 3660) } }) {
                List<MetricsQueries.Statement> statements = queries.summaryStatements(district, (String) asked[0], (Period) asked[1],
                        MetricsQueries.Buckets.WHOLE);
                List<String> expected = List.of("metrics_counter", "metrics_filed", "metrics_supervision");
                assertEquals(expected.size(), statements.size());
                for (int i = 0; i < statements.size(); i++) {
                    MetricsQueries.Statement statement = statements.get(i);
                    JsonNode plan = explain(statement.jdbc());
                    List<String> scans = Plans.scans(plan);
                    String table = expected.get(i);
                    List<String> indexes = i == 2 ? List.of(table + "_overdue_span_idx", table + "_supervised_span_idx")
                            : List.of(table + "_pkey", table + "_period_idx");
                    assertTrue(scans.stream().anyMatch(s -> s.startsWith("Index") && indexes.stream().anyMatch(x -> s.endsWith("using " + x))),
                            plan.toPrettyString());
                    // the pending deltas (V23) are few, folded every second: a scan of them may be sequential
                    assertTrue(scans.stream().noneMatch(s -> s.equals("Seq Scan on metrics_counter") || s.equals("Seq Scan on metrics_filed")
                            || s.equals("Seq Scan on metrics_supervision")), plan.toPrettyString());
                    assertFalse(plan.toString().contains("Gather"), plan.toPrettyString());
                }
                // a district's rows are all of the district's: no path checked on each supervision event (a grid's are checked)
                String supervision = explain(statements.get(2).jdbc()).toString();
                assertEquals(!asked[0].equals(path), supervision.contains("grid_path"), supervision);
                // of the events, only those whose previous one is before the period's first day and which fall on or after it:
                // one grid's row at most in the three days from the first (V28's period index read the 7,800 of a district's year)
                JsonNode analysed = explain("EXPLAIN (ANALYZE, FORMAT JSON) ", statements.get(2).jdbc());
                assertTrue(Plans.rowsRead(analysed, "metrics_supervision") <= 150, analysed.toPrettyString());
            }
            // a daily series reads counters only; a weekly one probes the span indexes once per week
            Period year = Period.of("2022-01-01", "2022-12-31", zone, 3660);
            assertEquals(2, queries.summaryStatements(district, path, year, MetricsQueries.steps(Period.Interval.DAY)).size());
            JsonNode weekly = explain(queries.summaryStatements(district, path, year, MetricsQueries.steps(Period.Interval.WEEK)).get(2).jdbc());
            assertTrue(Plans.scans(weekly).stream().anyMatch(s -> s.endsWith("using metrics_supervision_overdue_span_idx")), weekly.toPrettyString());
            assertTrue(Plans.scans(weekly).stream().noneMatch(s -> s.equals("Seq Scan on metrics_supervision")), weekly.toPrettyString());
            // and reads only the events that cross a week's first day: joined plainly, the weeks were hashed against every event
            // with a previous one (about 10,000 here, 326,068 at ten million tickets)
            JsonNode weeks = explain("EXPLAIN (ANALYZE, FORMAT JSON) ",
                    queries.summaryStatements(district, path, year, MetricsQueries.steps(Period.Interval.WEEK)).get(2).jdbc());
            assertTrue(Plans.rowsRead(weeks, "metrics_supervision") <= 53 * 150 / 2, weeks.toPrettyString());
            // the boards: ten members' rows in each grid and at the district, by month, beside the grids' own
            entityManager.createNativeQuery("""
                    INSERT INTO metrics_counter (district_id, grain, member_id, grid_path, day, grid_id, grid, resolved, rated)
                    SELECT district_id, 'M', g.grid_id * 10 + m, x.p, day, grid_id, x.p = g.grid_path, 1, 1
                    FROM metrics_counter g, generate_series(1, 10) m, LATERAL (VALUES (g.grid_path), (?1)) AS x (p)
                    WHERE g.grid_id > 900000 AND g.grain = 'M'""").setParameter(1, path).executeUpdate();
            entityManager.createNativeQuery("ANALYZE metrics_counter").executeUpdate();
            Period month = Period.of("2022-06-01", "2022-06-30", zone, 3660);
            for (boolean byMember : List.of(true, false)) {
                JsonNode plan = explain(queries.rankingStatement(district, path, month, byMember));
                List<String> scans = Plans.scans(plan);
                String index = byMember ? "metrics_counter_board_idx" : "metrics_counter_grid_idx";
                assertTrue(scans.stream().anyMatch(s -> s.startsWith("Index") && s.endsWith(" using " + index)), plan.toPrettyString());
                assertTrue(scans.stream().noneMatch(s -> s.equals("Seq Scan on metrics_counter")), plan.toPrettyString());
                assertFalse(plan.toString().contains("Gather"), plan.toPrettyString());
            }
            // a column added to a statement and not to its index would send every ended month back to the heap
            assertIncludes("metrics_counter_board_idx", MetricsQueries.BOARD_FIGURES);
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    /** The index holds each of these columns in its INCLUDE list, so that a statement reading them needs no heap page. */
    private void assertIncludes(String index, List<String> columns) {
        String definition = (String) entityManager.createNativeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = ?1")
                .setParameter(1, index).getSingleResult();
        for (String column : columns) {
            assertTrue(definition.matches("(?s).*INCLUDE \\(.*\\b" + column + "\\b.*"), column + " is not in " + definition);
        }
    }

    /** The plan of a statement as the code runs it, on the transaction's JDBC connection. */
    private JsonNode explain(Where.Jdbc statement) throws Exception {
        return explain("EXPLAIN (FORMAT JSON) ", statement);
    }

    private JsonNode explain(String explain, Where.Jdbc statement) throws Exception {
        return json.readTree(jdbc.rows(explain + statement.sql(), row -> row.getString(1), statement.parameters()).get(0));
    }
}
