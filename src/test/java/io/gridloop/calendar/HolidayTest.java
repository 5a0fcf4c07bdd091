package io.gridloop.calendar;

import static io.gridloop.support.Api.anonymous;
import static io.gridloop.support.Api.as;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.catalog.LimitUnit;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * GET and PUT /api/v1/holidays/{year}, and deadlines through {@link Calendars}. The demo district's
 * 2026 and 2027 are only read here; every test that writes takes a year of its own (2030s), which
 * no other test uses.
 */
@QuarkusTest
class HolidayTest {

    @Inject
    Calendars calendars;

    @Inject
    AgroalDataSource dataSource;

    private static long districtId() {
        return as("admin").get("/api/v1/me").then().statusCode(200).extract().<Number> path("account.districtId").longValue();
    }

    private static Map<String, Object> day(String day, boolean working, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("day", day);
        body.put("working", working);
        body.put("name", name);
        return body;
    }

    private static Map<String, Object> year(List<Map<String, Object>> days) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("days", days);
        return body;
    }

    /** National Day 2031 as the State Council would arrange it: Oct 1–7 off, Sun Sep 28 and Sat Oct 11 worked. */
    private static List<Map<String, Object>> nationalDay2031() {
        List<Map<String, Object>> days = new ArrayList<>();
        days.add(day("2031-09-28", true, "国庆节调休上班"));
        for (int d = 1; d <= 7; d++) {
            days.add(day("2031-10-0" + d, false, "国庆节"));
        }
        days.add(day("2031-10-11", true, "国庆节调休上班"));
        return days;
    }

    private static String etag(int year) {
        return as("admin").get("/api/v1/holidays/" + year).then().statusCode(200).extract().header("ETag");
    }

    private static Response replace(int year, String ifMatch, Map<String, Object> body) {
        return as("admin").header("If-Match", ifMatch).body(body).put("/api/v1/holidays/" + year);
    }

    @Test
    void staff_and_residents_read_the_published_2026_calendar_with_its_make_up_days() {
        for (String user : List.of("admin", "secretary1", "leader1", "gridmember1", "party1", "unit1", "resident1")) {
            Response read = as(user).get("/api/v1/holidays/2026");
            JsonPath body = read.then().statusCode(200)
                    .body("year", equalTo(2026)).body("status", equalTo("PUBLISHED")).body("fallback", equalTo(false))
                    .body("days", hasItem(Map.of("day", "2026-10-01", "working", false, "name", "国庆节")))
                    .body("days", hasItem(Map.of("day", "2026-10-10", "working", true, "name", "国庆节调休上班")))
                    .body("days", hasItem(Map.of("day", "2026-09-20", "working", true, "name", "国庆节调休上班")))
                    .extract().jsonPath();
            assertEquals("\"" + body.getLong("version") + "\"", read.header("ETag"));
            List<String> days = body.getList("days.day");
            assertEquals(days.stream().sorted().toList(), days, "days come in order");
        }
    }

    @Test
    void the_seeded_2027_calendar_is_provisional() {
        as("resident1").get("/api/v1/holidays/2027").then().statusCode(200)
                .body("status", equalTo("PROVISIONAL")).body("fallback", equalTo(false))
                .body("days", hasItem(Map.of("day", "2027-02-20", "working", true, "name", "春节调休上班")));
    }

    @Test
    void a_year_without_a_calendar_reads_as_none_falling_back_to_monday_to_friday() {
        as("leader1").get("/api/v1/holidays/2099").then().statusCode(200).header("ETag", "\"0\"")
                .body("status", equalTo("NONE")).body("fallback", equalTo(true)).body("version", equalTo(0))
                .body("days", empty()).body("updatedAt", nullValue());
    }

    @Test
    void reading_needs_a_signed_in_caller_and_a_sensible_year() {
        Problems.problem(anonymous().get("/api/v1/holidays/2026"), 401, "unauthenticated");
        Problems.problem(as("admin").get("/api/v1/holidays/1999"), 400, "validation");
        Problems.problem(as("admin").get("/api/v1/holidays/twenty"), 400, "bad-request");
    }

    @Test
    void the_admin_replaces_a_year_reads_it_back_and_deadlines_follow_it() {
        long district = districtId();
        OffsetDateTime eve = OffsetDateTime.parse("2031-09-30T10:00+08:00");
        assertEquals(OffsetDateTime.parse("2031-10-01T10:00+08:00"), calendars.due(district, eve, 1, LimitUnit.WORKING_DAYS),
                "no 2031 calendar yet: Wednesday 1 October is a working day");
        assertEquals("\"0\"", etag(2031));

        replace(2031, "\"0\"", year(nationalDay2031())).then().statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("PUBLISHED")).body("fallback", equalTo(false)).body("version", equalTo(1))
                .body("updatedAt", notNullValue()).body("days", hasSize(9));

        as("resident1").get("/api/v1/holidays/2031").then().statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("PUBLISHED"))
                .body("days[0]", equalTo(Map.of("day", "2031-09-28", "working", true, "name", "国庆节调休上班")))
                .body("days[8]", equalTo(Map.of("day", "2031-10-11", "working", true, "name", "国庆节调休上班")));
        assertEquals(OffsetDateTime.parse("2031-10-08T10:00+08:00"), calendars.due(district, eve, 1, LimitUnit.WORKING_DAYS));
        assertEquals(OffsetDateTime.parse("2031-10-11T10:00+08:00"), calendars.due(district, eve, 4, LimitUnit.WORKING_DAYS),
                "Saturday 11 October is a make-up working day");
        assertEquals(OffsetDateTime.parse("2031-10-01T10:00+08:00"), calendars.due(district, eve, 24, LimitUnit.HOURS));
    }

    @Test
    void a_replace_takes_the_whole_year_and_can_mark_it_provisional_or_empty() {
        replace(2032, etag(2032), year(List.of(day("2032-10-01", false, "国庆节"), day("2032-10-04", false, "国庆节"))))
                .then().statusCode(200);
        replace(2032, etag(2032), Map.of("status", "PROVISIONAL", "days", List.of(day("2032-10-05", false, "国庆节"))))
                .then().statusCode(200).body("status", equalTo("PROVISIONAL"))
                .body("days", equalTo(List.of(Map.of("day", "2032-10-05", "working", false, "name", "国庆节"))));

        replace(2032, etag(2032), year(List.of())).then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("fallback", equalTo(false)).body("days", empty());
        as("admin").get("/api/v1/holidays/2032").then().body("status", equalTo("PUBLISHED")).body("version", equalTo(3));
    }

    @Test
    void a_warm_calendar_answers_without_the_database_and_a_replace_refreshes_it() {
        long district = districtId();
        OffsetDateTime monday = OffsetDateTime.parse("2033-05-02T09:00+08:00");
        OffsetDateTime tuesday = OffsetDateTime.parse("2033-05-03T09:00+08:00");
        assertEquals(tuesday, calendars.due(district, monday, 1, LimitUnit.WORKING_DAYS));
        // written behind the service's back: the cached year does not see it
        Sql.update(dataSource, "INSERT INTO holiday (district_id, day, working, name) VALUES (?, ?, false, '劳动节')",
                district, LocalDate.parse("2033-05-03"));
        assertEquals(tuesday, calendars.due(district, monday, 1, LimitUnit.WORKING_DAYS));

        replace(2033, etag(2033), year(List.of(day("2033-05-03", false, "劳动节"), day("2033-05-04", false, "劳动节"))))
                .then().statusCode(200);

        assertEquals(OffsetDateTime.parse("2033-05-05T09:00+08:00"), calendars.due(district, monday, 1, LimitUnit.WORKING_DAYS));
    }

    @Test
    void a_replace_needs_if_match_and_refuses_a_stale_one() {
        Map<String, Object> body = year(List.of(day("2034-10-02", false, "国庆节")));
        Problems.problem(as("admin").body(body).put("/api/v1/holidays/2034"), 428, "precondition-required");
        Problems.problem(replace(2034, "\"7\"", body), 412, "precondition-failed");
        as("admin").get("/api/v1/holidays/2034").then().body("status", equalTo("NONE"));

        String first = etag(2034);
        replace(2034, first, body).then().statusCode(200);
        Problems.problem(replace(2034, first, year(List.of())), 412, "precondition-failed");
        as("admin").get("/api/v1/holidays/2034").then().body("days", hasSize(1));
    }

    @Test
    void of_concurrent_first_publications_of_a_year_exactly_one_wins() throws Exception {
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                Map<String, Object> body = year(List.of(day("2038-10-0" + (i + 1), false, "国庆节")));
                statuses.add(pool.submit(() -> {
                    start.await();
                    return replace(2038, "\"0\"", body).statusCode();
                }));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, answers.stream().filter(s -> s == 200).count(), answers::toString);
            assertEquals(racers - 1, answers.stream().filter(s -> s == 412).count(), answers::toString);
        } finally {
            pool.shutdownNow();
        }
        as("admin").get("/api/v1/holidays/2038").then().body("version", equalTo(1)).body("days", hasSize(1));
    }

    @Test
    void only_the_district_admin_replaces_a_year() {
        Map<String, Object> body = year(List.of(day("2035-10-01", false, "国庆节")));
        for (String user : List.of("leader1", "secretary1", "resident1")) {
            Problems.problem(as(user).header("If-Match", "\"0\"").body(body).put("/api/v1/holidays/2035"), 403, "forbidden");
        }
        as("admin").get("/api/v1/holidays/2035").then().body("status", equalTo("NONE"));
    }

    @Test
    void a_day_outside_the_year_a_weekday_make_up_day_and_a_duplicate_day_are_refused_together() {
        List<Map<String, Object>> days = List.of(
                day("2037-01-01", false, "元旦"),
                day("2036-10-01", true, "周三调休"),
                day("2036-10-02", false, "国庆节"),
                day("2036-10-02", false, "国庆节"),
                day("2036-10-04", true, "周六调休上班"));
        JsonPath problem = Problems.problem(replace(2036, "\"0\"", year(days)), 400, "validation");
        assertEquals(List.of("days[0].day", "days[1].working", "days[3].day"), problem.getList("violations.field"));
        as("admin").get("/api/v1/holidays/2036").then().body("status", equalTo("NONE"));
    }

    @Test
    void names_status_and_the_number_of_days_are_bounded() {
        assertEquals(List.of("days[0].name"), Problems.problem(replace(2036, "\"0\"",
                year(List.of(day("2036-10-01", false, "节".repeat(51))))), 400, "validation").getList("violations.field"));
        assertEquals(List.of("days[0].name"), Problems.problem(replace(2036, "\"0\"",
                year(List.of(day("2036-10-01", false, " ")))), 400, "validation").getList("violations.field"));
        assertEquals(List.of("status"), Problems.problem(replace(2036, "\"0\"",
                Map.of("status", "NONE", "days", List.of())), 400, "validation").getList("violations.field"));
        assertEquals(List.of("days"), Problems.problem(replace(2036, "\"0\"", Map.of()), 400, "validation")
                .getList("violations.field"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (LocalDate d = LocalDate.parse("2036-01-01"); tooMany.size() < 367; d = d.plusDays(1)) {
            tooMany.add(day(d.toString(), false, "假日"));
        }
        assertEquals(List.of("days"), Problems.problem(replace(2036, "\"0\"", year(tooMany)), 400, "validation")
                .getList("violations.field"));
        assertEquals(List.of("days[0].day"), Problems.problem(replace(2036, "\"0\"",
                year(List.of(day("2036-13-01", false, "节")))), 400, "validation").getList("violations.field"));
        as("admin").get("/api/v1/holidays/2036").then().body("status", equalTo("NONE"));
    }

    @Test
    void a_whole_leap_year_of_366_days_is_accepted() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (LocalDate d = LocalDate.parse("2040-01-01"); d.getYear() == 2040; d = d.plusDays(1)) {
            boolean weekend = d.getDayOfWeek().getValue() >= 6;
            all.add(day(d.toString(), weekend, weekend ? "调休上班" : "假日"));
        }
        replace(2040, etag(2040), year(all)).then().statusCode(200).body("days", hasSize(366));
        // every weekday off and every weekend day worked: Saturday + 1 working day is Sunday
        assertEquals(OffsetDateTime.parse("2040-10-07T09:00+08:00"),
                calendars.due(districtId(), OffsetDateTime.parse("2040-10-06T09:00+08:00"), 1, LimitUnit.WORKING_DAYS));
    }
}
