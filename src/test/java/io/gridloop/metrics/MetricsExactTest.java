package io.gridloop.metrics;

import static io.gridloop.metrics.MetricsRecount.normal;
import static io.gridloop.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.Catalog;
import io.gridloop.support.Sql;
import io.gridloop.support.TestClock;
import io.gridloop.ticket.DeadlineJobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * SPEC §1.10, exact: a mixed workload filed through the API with the clock in the test's hand (reopened,
 * extended, cancelled, rejected, verified, rated every way, overdue, supervised, PERSONAL guidance, in two
 * communities, on both sides of midnight in Asia/Shanghai, over the 清明 holidays of 2027), then every
 * figure of the summary, its groupBy and interval, and the boards compared with {@link MetricsRecount}.
 */
@QuarkusTest
class MetricsExactTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate FROM = LocalDate.of(2027, 4, 1);
    private static final LocalDate TO = LocalDate.of(2027, 4, 7);
    /** Decimals as written, not as the float REST Assured reads them by default. */
    private static final JsonPathConfig EXACT = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    @Inject
    TestClock clock;

    @Inject
    DeadlineJobs jobs;

    @Inject
    AgroalDataSource dataSource;

    /** Filed once for the class: every test reads the same workload (the database is shared by all test classes). */
    private static String quick;
    private static String verified;

    @BeforeEach
    void workload() {
        if (verified != null) {
            return;
        }
        quick = category(2, "HOURS", 1, "WORKING_DAYS", "MINOR", false);
        String checked = category(4, "HOURS", 2, "WORKING_DAYS", "MAJOR", true);
        String secretary3 = secretaryOf(region("resident3"));
        String personal = category(1, "WORKING_DAYS", 2, "WORKING_DAYS", "PERSONAL", false);

        // A: filed a second before the period, dispatched and answered inside it, rated satisfied
        at("2027-03-31T23:59:59");
        long a = file("resident1", quick);
        at("2027-04-01T00:00:30");
        dispatch("leader1", a);
        at("2027-04-01T01:00");
        act("party1", a, "claim", Map.of());
        at("2027-04-01T09:00");
        resolve("party1", a);
        rate("resident1", a, "SATISFIED", "SOLVED");

        // B: filed at midnight exactly, claimed late, extended, resolved within the extension, basically satisfied
        at("2027-04-01T00:00");
        long b = file("resident2", quick);
        dispatch("leader1", b);
        at("2027-04-01T03:00");
        act("party2", b, "claim", Map.of());
        act("party2", b, "start", Map.of());
        act("party2", b, "extension-requests", Map.of("dueAt", "2027-04-07T18:00:00+08:00", "reason", "等待配件"));
        long request = as("party2").get("/api/v1/tickets/" + b).then().statusCode(200).extract()
                .<Number> path("extensionRequestId").longValue();
        at("2027-04-01T10:00");
        act("leader1", b, "extension-requests/" + request + "/decision", Map.of("approved", true));
        at("2027-04-07T17:00");
        resolve("party2", b);
        rate("resident2", b, "BASICALLY_SATISFIED", "PARTLY");

        // C: a second before midnight; resolved late across the holidays, rated dissatisfied (重办), redispatched, then satisfied
        at("2027-04-01T23:59:59");
        long c = file("resident1", quick);
        dispatch("leader1", c);
        at("2027-04-02T00:30");
        act("party1", c, "claim", Map.of());
        at("2027-04-06T10:00");
        resolve("party1", c);
        rate("resident1", c, "DISSATISFIED", "UNSOLVED");
        at("2027-04-06T11:00");
        dispatch("leader1", c);
        at("2027-04-06T11:30");
        act("party2", c, "claim", Map.of());
        at("2027-04-06T16:00");
        resolve("party2", c);
        rate("resident1", c, "SATISFIED", "SOLVED");

        // D cancelled, E rejected as a duplicate of A
        at("2027-04-02T00:00");
        long d = file("resident2", quick);
        act("resident2", d, "cancel", Map.of("reason", "已自行解决"));
        long e = file("resident1", quick);
        act("leader1", e, "reject", Map.of("reason", "DUPLICATE", "duplicateOf", a));

        // F: verification failed once, then passed, rated basically satisfied and solved
        at("2027-04-02T10:00");
        long f = file("resident1", checked);
        dispatch("leader1", f);
        act("party1", f, "claim", Map.of());
        at("2027-04-02T15:00");
        resolve("party1", f);
        act("leader1", f, "verify", Map.of("passed", false, "note", "未修好"));
        at("2027-04-06T09:00");
        resolve("party1", f);
        act("leader1", f, "verify", Map.of("passed", true));
        rate("resident1", f, "BASICALLY_SATISFIED", "SOLVED");

        // G: another community; not claimed in time, found overdue by the scan, claimed, resolved, then closed unrated
        at("2027-04-02T09:00");
        long g = file("resident3", quick);
        dispatch(secretary3, g);
        at("2027-04-02T11:30");
        jobs.scanOverdue();
        act("party3", g, "claim", Map.of());
        at("2027-04-02T12:00");
        resolve("party3", g);
        at("2027-04-09T12:30");
        jobs.autoClose();

        // H: supervised while waiting for triage; I: PERSONAL guidance by the leader, rated satisfied but partly solved
        at("2027-04-03T08:00");
        long h = file("resident2", quick);
        act("secretary1", h, "supervise", Map.of("level", "YELLOW"));
        // raised again the same day, lowered, and raised in the next week: supervised once on the 3rd, the 6th,
        // in each week and in the period
        at("2027-04-03T09:00");
        act("secretary1", h, "supervise", Map.of("level", "RED"));
        at("2027-04-05T10:00");
        act("secretary1", h, "supervise", Map.of("level", "NORMAL"));
        at("2027-04-06T10:00");
        act("secretary1", h, "supervise", Map.of("level", "YELLOW"));
        at("2027-04-05T20:00");
        long i = file("resident1", personal);
        act("leader1", i, "triage", Map.of("matterClass", "PERSONAL"));
        resolve("leader1", i);
        rate("resident1", i, "SATISFIED", "PARTLY");

        // J: dispatched on the last day and never claimed: its response falls due after the period
        at("2027-04-07T23:00");
        dispatch("leader1", file("resident2", quick));
        at("2027-04-08T02:00");
        jobs.scanOverdue();
        verified = checked;
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void every_figure_of_the_summary_is_the_recount_of_the_tickets_and_their_timeline() {
        MetricsRecount recount = MetricsRecount.of(dataSource);
        for (String[] asked : List.of(new String[] { "admin", region("admin") }, new String[] { "secretary1", region("secretary1") },
                new String[] { "leader1", region("leader1") })) {
            JsonPath summary = summary(asked[0], asked[1], Map.of());
            assertEquals(normal(recount.figures(recount.path(asked[1]), FROM, TO)), normal(summary.getMap("figures")), asked[0]);
        }
        Map<String, Object> community = summary("secretary1", region("secretary1"), Map.of()).getMap("figures");
        assertEquals(Map.of(quick, 6, verified, 1), onlyOurs(community.get("byCategory")), "A is filed before the period");
        assertEquals(normal(MetricsRecount.rate(3, 6)), normal(community.get("resolutionRate")),
                "A, F and C's second rating solved; B and I partly, C's first unsolved");
    }

    @Test
    void each_child_region_and_each_day_is_its_own_recount() {
        MetricsRecount recount = MetricsRecount.of(dataSource);
        JsonPath byChild = summary("admin", region("admin"), Map.of("groupBy", "child"));
        List<Map<String, Object>> children = byChild.getList("children");
        assertEquals(Sql.column(dataSource, "SELECT id FROM region WHERE parent_id = ? ORDER BY path", Long.valueOf(region("admin")))
                .stream().map(id -> ((Number) id).longValue()).toList(),
                children.stream().map(c -> ((Number) c.get("regionId")).longValue()).toList(), "the district's streets, in path order");
        for (Map<String, Object> child : children) {
            String path = recount.path(String.valueOf(child.get("regionId")));
            assertEquals(normal(recount.figures(path, FROM, TO)), normal(child.get("figures")), path);
        }
        JsonPath byDay = summary("secretary1", region("secretary1"), Map.of("interval", "day"));
        List<Map<String, Object>> days = byDay.getList("series");
        assertEquals(7, days.size());
        for (Map<String, Object> day : days) {
            LocalDate date = LocalDate.parse((String) day.get("from"));
            assertEquals(date.toString(), day.get("to"));
            assertEquals(normal(recount.figures(recount.path(region("secretary1")), date, date)), normal(day.get("figures")), date.toString());
        }
        JsonPath byWeek = summary("secretary1", region("secretary1"), Map.of("interval", "week"));
        assertEquals(List.of("2027-04-01", "2027-04-05"), byWeek.getList("series.from"), "ISO weeks, cut to the period");
        // the whole period beside a series: its overdue and supervised once per ticket, though counted from the steps' events
        for (JsonPath withSeries : List.of(byDay, byWeek)) {
            assertEquals(normal(recount.figures(recount.path(region("secretary1")), FROM, TO)), normal(withSeries.getMap("figures")));
        }
        assertEquals(normal(recount.figures(recount.path(region("secretary1")), FROM, LocalDate.of(2027, 4, 4))),
                normal(byWeek.getMap("series[0].figures")));
        assertEquals(normal(recount.figures(recount.path(region("secretary1")), LocalDate.of(2027, 4, 5), TO)),
                normal(byWeek.getMap("series[1].figures")));
        // a series over whole months reads the days of those months too (until 2026-12-03 it read only the days
        // outside whole months, so a daily or weekly series of whole months was all zeros but overdue and supervised)
        for (String interval : List.of("day", "week")) {
            JsonPath months = as("secretary1").queryParam("regionId", region("secretary1")).queryParam("from", "2027-03-01")
                    .queryParam("to", "2027-04-30").queryParam("interval", interval).get("/api/v1/metrics/summary").then()
                    .statusCode(200).extract().jsonPath().using(EXACT);
            List<Map<String, Object>> steps = months.getList("series");
            assertEquals(interval.equals("day") ? 61 : 9, steps.size(), interval);
            for (Map<String, Object> step : steps) {
                LocalDate first = LocalDate.parse((String) step.get("from"));
                assertEquals(normal(recount.figures(recount.path(region("secretary1")), first, LocalDate.parse((String) step.get("to")))),
                        normal(step.get("figures")), interval + " from " + first);
            }
        }
        // H alone is supervised from the 3rd to the 6th: the scans of the 2nd and the 8th escalate whatever is overdue,
        // which includes the seed's tickets when no other test's scan escalated them first
        String secretary = region("secretary1");
        JsonPath hWeeks = as("secretary1").queryParam("regionId", secretary).queryParam("from", "2027-04-03")
                .queryParam("to", "2027-04-06").queryParam("interval", "week").get("/api/v1/metrics/summary").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(1, 1), hWeeks.getList("series.figures.supervised"), "H in each week, once");
        assertEquals(1, hWeeks.getInt("figures.supervised"), "H in the period, once");
    }

    @Test
    void the_boards_rank_the_recounted_entries_and_list_the_few_apart() {
        MetricsRecount recount = MetricsRecount.of(dataSource);
        for (boolean byMember : List.of(true, false)) {
            JsonPath board = as("admin").queryParam("regionId", region("admin")).queryParam("from", FROM.toString())
                    .queryParam("to", TO.toString()).queryParam("by", byMember ? "member" : "grid")
                    .get("/api/v1/metrics/rankings").then().statusCode(200).extract().jsonPath().using(EXACT);
            Map<Long, Map<String, Object>> expected = recount.board(recount.path(region("admin")), FROM, TO, byMember);
            List<Map<String, Object>> shown = new ArrayList<>(board.getList("top"));
            shown.addAll(board.getList("belowMinimum"));
            Map<Long, Object> actual = new HashMap<>();
            for (Map<String, Object> entry : shown) {
                Map<String, Object> figures = new TreeMap<>(entry);
                figures.keySet().removeAll(List.of("rank", "id", "name"));
                actual.put(((Number) entry.get("id")).longValue(), normal(figures));
                boolean ranked = entry.get("rank") != null;
                assertEquals(ranked, ((Number) entry.get("resolved")).longValue() >= 3, "the minimum is 3 resolutions");
            }
            // the few: counted all, listed by resolutions (most first, then id) up to the test profile's 2
            List<Long> few = expected.entrySet().stream().filter(e -> ((Number) e.getValue().get("resolved")).longValue() < 3)
                    .sorted(Comparator.comparing((Map.Entry<Long, Map<String, Object>> e) -> ((Number) e.getValue().get("resolved"))
                            .longValue()).reversed().thenComparing(Map.Entry::getKey))
                    .map(Map.Entry::getKey).toList();
            if (byMember) {
                assertTrue(few.size() > 2, "the workload leaves more members below the minimum than are listed");
            }
            assertEquals(few.size(), board.getInt("unranked"));
            assertEquals(few.size() + board.getInt("ranked"), expected.size());
            assertEquals(few.subList(0, Math.min(2, few.size())), board.<Number> getList("belowMinimum.id").stream().map(Number::longValue).toList());
            Map<Long, Object> recounted = new HashMap<>();
            expected.forEach((id, figures) -> {
                if (!few.contains(id) || few.indexOf(id) < 2) {
                    recounted.put(id, normal(figures));
                }
            });
            assertEquals(recounted, actual, byMember ? "member" : "grid");
            List<Map<String, Object>> top = board.getList("top");
            for (int k = 1; k < top.size(); k++) {
                assertEquals(k + 1, top.get(k).get("rank"));
            }
        }
    }

    // ---- the workload's steps ----------------------------------------------------------------------

    private void at(String shanghai) {
        clock.set(LocalDateTime.parse(shanghai).atZone(SHANGHAI).toOffsetDateTime());
    }

    private static String category(int response, String responseUnit, int resolution, String resolutionUnit, String matter,
            boolean verify) {
        String code = Catalog.uniqueCode("METRICS");
        Map<String, Object> body = Catalog.category(code);
        body.put("responseLimit", Map.of("value", response, "unit", responseUnit));
        body.put("resolutionLimit", Map.of("value", resolution, "unit", resolutionUnit));
        body.put("defaultMatterClass", matter);
        body.put("verificationRequired", verify);
        as("admin").body(body).post("/api/v1/categories").then().statusCode(201);
        return code;
    }

    /** A new community admin (password "gridloop") of the community above this grid. */
    private static String secretaryOf(String gridId) {
        long community = as("admin").get("/api/v1/regions/" + gridId).then().statusCode(200).extract()
                .<Number> path("parentId").longValue();
        String username = Api.unique("secretary.");
        as("admin").body(Map.of("username", username, "password", Api.PASSWORD, "name", "测试书记",
                "roles", List.of(Map.of("role", "COMMUNITY_ADMIN", "regionId", community)), "mustChangePassword", false))
                .post("/api/v1/accounts")
                .then().statusCode(201);
        return username;
    }

    static long file(String resident, String category) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("categoryCode", category);
        body.put("title", "统计测试");
        body.put("description", "用于核对统计口径的工单。");
        return as(resident).body(body).post("/api/v1/tickets").then().statusCode(201).extract().<Number> path("id").longValue();
    }

    static void act(String who, long id, String action, Map<String, Object> body) {
        as(who).body(body).post("/api/v1/tickets/" + id + "/" + action).then().statusCode(200);
    }

    private static void dispatch(String who, long id) {
        act(who, id, "dispatch", Map.of("target", "POOL"));
    }

    private static void resolve(String who, long id) {
        act(who, id, "resolve", Map.of("resolution", "已处理"));
    }

    private static void rate(String who, long id, String rating, String solved) {
        act(who, id, "feedback", Map.of("rating", rating, "solved", solved));
    }

    // ---- asking and comparing -------------------------------------------------------------------------

    private static JsonPath summary(String who, String regionId, Map<String, String> more) {
        return as(who).queryParam("regionId", regionId).queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .queryParams(more).get("/api/v1/metrics/summary").then().statusCode(200).extract().jsonPath().using(EXACT);
    }

    static String region(String username) {
        return String.valueOf(as(username).get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id"));
    }



    private Map<String, Integer> onlyOurs(Object byCategory) {
        Map<String, Integer> ours = new TreeMap<>();
        ((Map<?, ?>) byCategory).forEach((code, n) -> {
            if (code.equals(quick) || code.equals(verified)) {
                ours.put((String) code, ((Number) n).intValue());
            }
        });
        return ours;
    }

}
