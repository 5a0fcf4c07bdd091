package io.gridloop.metrics;

import static io.gridloop.metrics.MetricsExactTest.act;
import static io.gridloop.metrics.MetricsExactTest.file;
import static io.gridloop.metrics.MetricsExactTest.region;
import static io.gridloop.metrics.MetricsRecount.normal;
import static io.gridloop.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Catalog;
import io.gridloop.support.Sql;
import io.gridloop.support.TestClock;
import io.gridloop.ticket.DeadlineJobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * The counters V17 and V23 maintain stay equal to the recount ({@link MetricsRecount}, and the operators'
 * check) when writers on two instances change tickets of the same grid on the same day at once (each
 * instance here a thread with its own connections, as another JVM would have, the deadline scan and a
 * fold of the pending deltas running beside them), without waiting for each other; and a drifted
 * counter is found by the check and repaired by the rebuild.
 */
@QuarkusTest
class MetricsCountersTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final JsonPathConfig EXACT = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    @Inject
    TestClock clock;

    @Inject
    DeadlineJobs jobs;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CounterFolding folding;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void writers_on_two_instances_at_once_leave_the_counters_equal_to_the_recount() throws Exception {
        LocalDate day = LocalDate.of(2027, 6, 15);
        String category = category();
        // for the deadline jobs that run beside the writers: tickets resolved a week before and left unrated
        // (auto-closed), and tickets dispatched early in the morning (overdue by the time the writers start)
        at("2027-06-07T09:00");
        for (String resident : List.of("resident1", "resident2")) {
            long id = file(resident, category);
            act("leader1", id, "dispatch", Map.of("target", "POOL"));
            act("party1", id, "claim", Map.of());
            act("party1", id, "resolve", Map.of("resolution", "已处理"));
        }
        at("2027-06-15T06:00");
        for (String resident : List.of("resident1", "resident2")) {
            act("leader1", file(resident, category), "dispatch", Map.of("target", "POOL"));
        }
        at("2027-06-15T10:00");
        ExecutorService instances = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> work = List.of(writer("resident1", "party1", category), writer("resident2", "party2", category),
                    () -> {
                        jobs.scanOverdue();
                        jobs.autoClose();
                        return null;
                    }, () -> {
                        // folds on a third instance while the others write
                        for (int i = 0; i < 40; i++) {
                            folding.fold();
                            Thread.sleep(50);
                        }
                        return null;
                    });
            for (Future<Void> done : instances.invokeAll(work)) {
                done.get();
            }
        } finally {
            instances.shutdownNow();
        }
        JsonPath consistency = as("admin").queryParam("from", "2027-06-01").queryParam("to", "2027-06-30")
                .get("/api/v1/metrics/consistency").then().statusCode(200).extract().jsonPath();
        assertEquals(true, consistency.getBoolean("consistent"), consistency.prettify());
        MetricsRecount recount = MetricsRecount.of(dataSource);
        String district = region("admin");
        assertEquals(normal(recount.figures(recount.path(district), day, day)), normal(figures("admin", district, day, day)), "the day");
        folding.fold();
        assertEquals(0, Sql.count(dataSource, "SELECT (SELECT count(*) FROM metrics_counter_pending)"
                + " + (SELECT count(*) FROM metrics_filed_pending)"), "every delta folded");
        assertEquals(normal(recount.figures(recount.path(district), day, day)), normal(figures("admin", district, day, day)),
                "the day, folded");
        assertEquals(normal(recount.figures(recount.path(district), day.withDayOfMonth(1), day.withDayOfMonth(30))),
                normal(figures("admin", district, day.withDayOfMonth(1), day.withDayOfMonth(30))), "the month, from its month rows");
    }

    /**
     * Two transactions of one grid, day, category and status at once, each filing a ticket and resolving
     * another: the second does not wait for the first to commit, because the triggers append deltas
     * (V23). With counters updated in place (V17) it queued on their rows until the lock timeout.
     */
    @Test
    void writers_of_one_grid_and_day_do_not_wait_for_each_other() throws Exception {
        String category = category();
        long first = file("resident1", category);
        long second = file("resident2", category);
        try (Connection one = dataSource.getConnection(); Connection other = dataSource.getConnection()) {
            one.setAutoCommit(false);
            other.setAutoCommit(false);
            try {
                fileAndResolve(one, first);
                try (Statement settings = other.createStatement()) {
                    settings.execute("SET LOCAL lock_timeout = '3s'");
                }
                fileAndResolve(other, second);
            } finally {
                one.rollback();
                other.rollback();
            }
        }
    }

    /** A ticket like this one filed, and this one resolved, by SQL in the connection's open transaction. */
    private static void fileAndResolve(Connection connection, long ticketId) throws SQLException {
        long id = -ticketId - 700_000_000L;
        try (PreparedStatement file = Sql.prepare(connection, """
                INSERT INTO ticket (id, district_id, number, kind, category_id, title, grid_id, grid_path, reporter_name, source,
                                    priority, status)
                SELECT ?, district_id, 'WAIT-' || id, kind, category_id, title, grid_id, grid_path, '测试', source, priority, status
                FROM ticket WHERE id = ?""", id, ticketId);
                PreparedStatement resolve = Sql.prepare(connection, """
                        INSERT INTO ticket_event (id, ticket_id, district_id, action, to_status)
                        SELECT ?, id, district_id, 'resolve', 'RESOLVED' FROM ticket WHERE id = ?""", id, ticketId)) {
            assertEquals(1, file.executeUpdate());
            assertEquals(1, resolve.executeUpdate());
        }
    }

    /**
     * The tickets filed are kept by figure (V34): a ticket is in one row of each of the four, for its grid and for
     * the district alike, and a change of status moves only the status rows.
     */
    @Test
    void a_ticket_is_counted_once_under_each_figure_and_a_claim_moves_only_its_status() {
        LocalDate day = LocalDate.of(2027, 9, 14);
        at("2027-09-14T09:00");
        long id = file("resident1", category());
        MetricsRecount recount = MetricsRecount.of(dataSource);
        String gridPath = recount.path(region("leader1"));
        String districtPath = recount.path(region("admin"));
        String filed = keys(id, "SUBMITTED");
        assertEquals(filed, filedOn(gridPath, day), "the grid's day");
        act("leader1", id, "dispatch", Map.of("target", "POOL"));
        act("party1", id, "claim", Map.of());
        clock.reset();
        String claimed = keys(id, "CLAIMED");
        assertNotEquals(filed, claimed);
        assertEquals(claimed, filedOn(gridPath, day), "the grid's day, claimed");
        folding.fold();
        assertEquals(claimed, filedOn(gridPath, day), "the grid's day, folded");
        assertEquals(claimed, filedOn(districtPath, day), "the district's day (no other ticket is filed on it)");
    }

    /**
     * A fold adds to a filed count in place (a HOT update, no new index entry) when its page has room: no index holds
     * n (V34). V32's index of month rows held it, and then no row, of a day or a month, was updated in place.
     */
    @Test
    void a_filed_count_is_updated_in_place() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = Sql.prepare(connection, "INSERT INTO metrics_filed (district_id, grain, grid_path, day,"
                    + " dimension, value, n) VALUES (0, 'D', '/0/', DATE '2030-01-01', 'status', 'SUBMITTED', 1)");
                    PreparedStatement update = Sql.prepare(connection, "UPDATE metrics_filed SET n = n + 1 WHERE district_id = 0");
                    PreparedStatement hot = Sql.prepare(connection,
                            "SELECT pg_stat_get_xact_tuples_hot_updated(CAST('metrics_filed' AS regclass))")) {
                insert.executeUpdate();
                // the backend's counts not yet reported count too: the update's own is the difference
                long before = single(hot);
                assertEquals(1, update.executeUpdate());
                assertEquals(1, single(hot) - before, "updated in place");
            } finally {
                connection.rollback();
            }
        }
    }

    private static long single(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            assertTrue(row.next());
            return row.getLong(1);
        }
    }

    /** The rows a ticket of this status is counted under, as {@link #filedOn} writes them. */
    private String keys(long id, String status) {
        assertEquals(status, as("resident1").get("/api/v1/tickets/" + id).then().statusCode(200).extract().path("status"));
        return (String) Sql.column(dataSource, """
                SELECT string_agg(k.dimension || '=' || k.value || ':1', ' ' ORDER BY k.dimension, k.value)
                FROM ticket t, metrics_filed_keys(t.status, t.category_id, t.source, t.matter_class) k WHERE t.id = ?""", id).get(0);
    }

    /**
     * A fold sums the deltas of one grid before it rolls them up (V40): a status a ticket entered and left between two
     * folds (+1 and -1) writes no row of 0, for its grid or for the regions above. The three changes commit together,
     * so one fold takes all their deltas.
     */
    @Test
    void a_status_entered_and_left_between_two_folds_writes_nothing() throws Exception {
        LocalDate day = LocalDate.of(2027, 10, 21);
        at("2027-10-21T09:00");
        long id = file("resident1", category());
        clock.reset();
        folding.fold();
        String gridPath = MetricsRecount.of(dataSource).path(region("leader1"));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (String status : List.of("DISPATCHED", "CLAIMED", "SUBMITTED")) {
                try (PreparedStatement change = Sql.prepare(connection, "UPDATE ticket SET status = ? WHERE id = ?", status, id)) {
                    assertEquals(1, change.executeUpdate());
                }
            }
            connection.commit();
        }
        folding.fold();
        assertEquals(keys(id, "SUBMITTED"), filedOn(gridPath, day), "the grid's day, as filed");
        assertEquals(0L, Sql.count(dataSource, "SELECT count(*) FROM metrics_filed f WHERE f.grain IN ('D', 'M')"
                + " AND ? LIKE f.grid_path || '%' AND f.day IN (?, ?) AND f.n = 0", gridPath, day, day.withDayOfMonth(1)),
                "rows of 0 written for the statuses passed through");
    }

    /** The filed counts of a region's day that are not 0, folded or pending (one snapshot), as "dimension=value:n ...". */
    private String filedOn(String path, LocalDate day) {
        return (String) Sql.column(dataSource, """
                SELECT string_agg(x.dimension || '=' || x.value || ':' || x.n, ' ' ORDER BY x.dimension, x.value)
                FROM (SELECT f.dimension, f.value, sum(f.n) AS n
                      FROM (SELECT dimension, value, n FROM metrics_filed WHERE grain = 'D' AND grid_path = ? AND day = ?
                            UNION ALL
                            SELECT p.dimension, p.value, p.n FROM metrics_filed_pending p, metrics_regions(p.grid_path) a
                            WHERE p.grain = 'D' AND a.path = ? AND p.day = ?) f
                      GROUP BY 1, 2 HAVING sum(f.n) <> 0) x""", path, day, path, day).get(0);
    }

    @Test
    void the_check_finds_a_drifted_counter_and_the_rebuild_repairs_it() {
        LocalDate day = LocalDate.of(2027, 7, 20);
        at("2027-07-20T09:00");
        long id = file("resident1", category());
        act("leader1", id, "dispatch", Map.of("target", "POOL"));
        act("party1", id, "claim", Map.of());
        act("secretary1", id, "supervise", Map.of("level", "YELLOW"));
        act("party1", id, "resolve", Map.of("resolution", "已处理"));
        act("resident1", id, "feedback", Map.of("rating", "SATISFIED", "solved", "SOLVED"));
        clock.reset();
        String grid = region("leader1");
        MetricsRecount recount = MetricsRecount.of(dataSource);
        String gridPath = recount.path(grid);
        folding.fold();
        Sql.update(dataSource, "UPDATE metrics_counter SET rated = rated + 5 WHERE grain = 'D' AND member_id = 0 AND grid_path = ?"
                + " AND day = ?", gridPath, day);
        Sql.update(dataSource, "DELETE FROM metrics_filed WHERE grain = 'M' AND grid_path = ? AND day = ?", gridPath,
                day.withDayOfMonth(1));
        // as if the ticket had been supervised on the day before: not counted on this day
        assertEquals(1, Sql.update(dataSource, "UPDATE metrics_supervision SET supervised_before = day - 1 WHERE ticket_id = ?", id));
        assertNotEquals(normal(recount.figures(gridPath, day, day)), normal(figures("leader1", grid, day, day)),
                "the summary reads the counters");

        JsonPath check = as("admin").queryParam("from", "2027-07-20").queryParam("to", "2027-07-20")
                .get("/api/v1/metrics/consistency").then().statusCode(200).extract().jsonPath();
        assertEquals(false, check.getBoolean("consistent"));
        List<Map<String, Object>> drifts = check.getList("drifts");
        assertTrue(drifts.contains(drift("figures", "DAY", grid, day)), check.prettify());
        assertTrue(drifts.contains(drift("figures", "MONTH", grid, day.withDayOfMonth(1))), "the month row no longer sums its days");
        assertTrue(drifts.contains(drift("filed", "MONTH", grid, day.withDayOfMonth(1))), check.prettify());
        assertTrue(drifts.contains(drift("supervision", "DAY", grid, day)), check.prettify());
        assertEquals(4, check.getLong("drifted"), check.prettify());

        as("admin").queryParam("from", "2027-07-20").queryParam("to", "2027-07-20").post("/api/v1/metrics/rebuild")
                .then().statusCode(200);
        assertEquals(true, as("admin").queryParam("from", "2027-07-01").queryParam("to", "2027-07-31")
                .get("/api/v1/metrics/consistency").then().statusCode(200).extract().jsonPath().getBoolean("consistent"));
        assertEquals(normal(recount.figures(gridPath, day, day)), normal(figures("leader1", grid, day, day)));
        assertEquals(normal(recount.figures(gridPath, day.withDayOfMonth(1), day.withDayOfMonth(31))),
                normal(figures("leader1", grid, day.withDayOfMonth(1), day.withDayOfMonth(31))));
    }

    @Test
    void only_the_district_admin_checks_and_rebuilds() {
        for (String who : List.of("leader1", "secretary1", "resident1")) {
            as(who).queryParam("from", "2027-07-01").queryParam("to", "2027-07-31").get("/api/v1/metrics/consistency")
                    .then().statusCode(403);
            as(who).queryParam("from", "2027-07-01").queryParam("to", "2027-07-31").post("/api/v1/metrics/rebuild")
                    .then().statusCode(403);
        }
        as("admin").queryParam("from", "2027-07-31").queryParam("to", "2027-07-01").post("/api/v1/metrics/rebuild")
                .then().statusCode(400);
    }

    /** An instance's writer: files, dispatches, claims, resolves and rates tickets of the same grid as the other's. */
    private static Callable<Void> writer(String resident, String member, String category) {
        return () -> {
            String[] ratings = { "SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED" };
            for (int i = 0; i < 6; i++) {
                long id = file(resident, category);
                act("leader1", id, "dispatch", Map.of("target", "POOL"));
                act(member, id, "claim", Map.of());
                act(member, id, "resolve", Map.of("resolution", "已处理"));
                act(resident, id, "feedback", Map.of("rating", ratings[i % 3], "solved", i % 2 == 0 ? "SOLVED" : "PARTLY"));
            }
            return null;
        };
    }

    private void at(String shanghai) {
        clock.set(LocalDateTime.parse(shanghai).atZone(SHANGHAI).toOffsetDateTime());
    }

    private static String category() {
        String code = Catalog.uniqueCode("COUNTED");
        Map<String, Object> body = Catalog.category(code);
        body.put("responseLimit", Map.of("value", 2, "unit", "HOURS"));
        body.put("resolutionLimit", Map.of("value", 1, "unit", "WORKING_DAYS"));
        body.put("defaultMatterClass", "MINOR");
        as("admin").body(body).post("/api/v1/categories").then().statusCode(201);
        return code;
    }

    private static Map<String, Object> figures(String who, String regionId, LocalDate from, LocalDate to) {
        return as(who).queryParam("regionId", regionId).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/metrics/summary").then().statusCode(200).extract().jsonPath().using(EXACT).getMap("figures");
    }

    private static Map<String, Object> drift(String counters, String grain, String grid, LocalDate day) {
        Map<String, Object> drift = new LinkedHashMap<>();
        drift.put("counters", counters);
        drift.put("grain", grain);
        drift.put("regionId", Integer.valueOf(grid));
        drift.put("memberId", null);
        drift.put("day", day.toString());
        return drift;
    }




}
