package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.gridloop.ticket.TicketFixtures.action;
import static io.gridloop.ticket.TicketFixtures.file;
import static io.gridloop.ticket.TicketFixtures.ticket;
import static io.gridloop.ticket.TicketFixtures.walk;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.Catalog;
import io.gridloop.support.Sql;
import io.gridloop.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** SPEC §1.7 with the clock in the test's hand: deadlines, supervision, extensions and the inbox. */
@QuarkusTest
class TicketDeadlinesTest {

    @Inject
    TestClock clock;

    @Inject
    DeadlineJobs jobs;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    // ---- deadlines -------------------------------------------------------------------------------

    @Test
    void working_day_limits_skip_national_day_and_count_the_make_up_saturday() {
        String category = category(1, "WORKING_DAYS", 3, "WORKING_DAYS", false);
        clock.set(at("2026-09-30T10:00"));   // Wednesday; 1–7 October are holidays, Saturday 10 October is worked
        JsonPath dispatched = dispatchedToPool(category);
        assertInstant("2026-10-08T10:00", dispatched.getString("responseDueAt"));
        assertInstant("2026-10-10T10:00", dispatched.getString("resolutionDueAt"));
        assertInstant("2026-10-08T10:00", dispatched.getString("dueAt"));
    }

    @Test
    void working_day_limits_skip_the_spring_festival_of_2027() {
        String category = category(1, "WORKING_DAYS", 3, "WORKING_DAYS", false);
        clock.set(at("2027-02-04T10:00"));   // Thursday before 5–13 February
        JsonPath dispatched = dispatchedToPool(category);
        assertInstant("2027-02-15T10:00", dispatched.getString("responseDueAt"));
        assertInstant("2027-02-17T10:00", dispatched.getString("resolutionDueAt"));
    }

    @Test
    void working_day_limits_run_across_the_year_end() {
        String category = category(1, "WORKING_DAYS", 3, "WORKING_DAYS", false);
        clock.set(at("2026-12-31T16:30"));   // Thursday; 1–3 January 2027 are holidays
        JsonPath dispatched = dispatchedToPool(category);
        assertInstant("2027-01-04T16:30", dispatched.getString("responseDueAt"));
        assertInstant("2027-01-06T16:30", dispatched.getString("resolutionDueAt"));
    }

    @Test
    void hour_limits_are_calendar_time_even_on_a_holiday() {
        String category = category(4, "HOURS", 30, "HOURS", false);
        clock.set(at("2026-10-01T09:00"));
        JsonPath dispatched = dispatchedToPool(category);
        assertInstant("2026-10-01T13:00", dispatched.getString("responseDueAt"));
        assertInstant("2026-10-02T15:00", dispatched.getString("resolutionDueAt"));
    }

    @Test
    void resolution_opens_a_seven_day_feedback_window_and_a_redispatch_after_reopening_starts_fresh_limits() {
        String category = category(2, "HOURS", 24, "HOURS", false);
        clock.set(at("2026-11-02T09:00"));
        long id = claimedBy("party1", category);
        clock.set(at("2026-11-02T15:00"));
        JsonPath resolved = resolve("party1", id);
        assertInstant("2026-11-09T15:00", resolved.getString("feedbackDueAt"));

        clock.set(at("2026-11-03T08:00"));
        action("resident1", id, "feedback", Map.of("rating", "DISSATISFIED", "solved", "UNSOLVED")).then().statusCode(200);
        JsonPath reopened = as("leader1").get("/api/v1/tickets/" + id).then().extract().jsonPath();
        assertNull(reopened.getString("resolutionDueAt"));
        assertNull(reopened.getString("feedbackDueAt"));

        clock.set(at("2026-11-04T10:00"));
        JsonPath redispatched = action("leader1", id, "dispatch", Map.of("target", "POOL")).then().statusCode(200)
                .extract().jsonPath();
        assertInstant("2026-11-04T12:00", redispatched.getString("responseDueAt"));
        assertInstant("2026-11-05T10:00", redispatched.getString("resolutionDueAt"));
    }

    // ---- extensions ------------------------------------------------------------------------------

    @Test
    void an_approved_extension_moves_the_deadline_and_everyone_concerned_hears_of_it() {
        String category = category(2, "HOURS", 24, "HOURS", false);
        clock.set(at("2026-11-02T09:00"));
        long id = claimedBy("party1", category);
        OffsetDateTime later = at("2026-11-05T18:00");

        action("party2", id, "extension-requests", extension(later)).then().statusCode(404);
        action("leader1", id, "extension-requests", extension(later)).then().statusCode(403);
        action("party1", id, "extension-requests", extension(at("2026-11-02T20:00"))).then().statusCode(400);
        action("party1", id, "extension-requests", Map.of("dueAt", later.toString())).then().statusCode(400);
        // RFC 3339 has seconds: what OffsetDateTime.toString() writes for 18:00 is not a date-time of the document
        action("party1", id, "extension-requests", Map.of("dueAt", later.toString(), "reason", "需等待配件到货"))
                .then().statusCode(400).body("violations[0].field", equalTo("dueAt"));
        long request = action("party1", id, "extension-requests", extension(later)).then().statusCode(200)
                .extract().<Number> path("extensionRequestId").longValue();
        action("party1", id, "extension-requests", extension(later.plusDays(1))).then().statusCode(409);
        assertThat(inbox("leader1", id), hasItem("EXTENSION_REQUESTED"));

        String decision = "extension-requests/" + request + "/decision";
        action("party1", id, decision, Map.of("approved", true)).then().statusCode(403);
        action("leader1", id, "extension-requests/" + (request + 999_999) + "/decision", Map.of("approved", true))
                .then().statusCode(404);
        JsonPath approved = action("leader1", id, decision, Map.of("approved", true, "note", "同意")).then().statusCode(200)
                .extract().jsonPath();
        assertInstant("2026-11-05T18:00", approved.getString("resolutionDueAt"));
        assertNull(approved.get("extensionRequestId"));
        action("leader1", id, decision, Map.of("approved", false)).then().statusCode(409);
        assertThat(inbox("party1", id), hasItem("EXTENSION_DECIDED"));
        assertThat(timeline(id), hasItem("decide-extension"));
        assertThat(timeline(id), hasItem("request-extension"));
    }

    @Test
    void a_refused_extension_leaves_the_deadline_and_frees_the_way_for_another_request() {
        String category = category(2, "HOURS", 24, "HOURS", false);
        clock.set(at("2026-11-02T09:00"));
        long id = claimedBy("party1", category);
        long request = action("party1", id, "extension-requests", extension(at("2026-11-06T18:00"))).then().statusCode(200)
                .extract().<Number> path("extensionRequestId").longValue();
        JsonPath refused = action("secretary1", id, "extension-requests/" + request + "/decision", Map.of("approved", false))
                .then().statusCode(200).extract().jsonPath();
        assertInstant("2026-11-03T09:00", refused.getString("resolutionDueAt"));
        action("party1", id, "extension-requests", extension(at("2026-11-04T18:00"))).then().statusCode(200);
    }

    @Test
    void extensions_belong_to_claimed_work_and_lapse_when_the_ticket_is_resolved() {
        String category = category(2, "HOURS", 24, "HOURS", false);
        clock.set(at("2026-11-02T09:00"));
        long pooled = dispatchedToPool(category).getLong("id");
        action("leader1", pooled, "extension-requests", extension(at("2026-11-06T18:00"))).then().statusCode(403);

        long id = claimedBy("party1", category);
        long request = action("party1", id, "extension-requests", extension(at("2026-11-06T18:00"))).then().statusCode(200)
                .extract().<Number> path("extensionRequestId").longValue();
        clock.set(at("2026-11-02T10:00"));
        resolve("party1", id);
        action("leader1", id, "extension-requests/" + request + "/decision", Map.of("approved", true)).then().statusCode(409);
        assertEquals(List.of("LAPSED " + at("2026-11-02T10:00").toInstant()), lapse(request), "lapsed with the resolve");

        long released = claimedBy("party1", category);
        long other = action("party1", released, "extension-requests", extension(at("2026-11-06T18:00"))).then().statusCode(200)
                .extract().<Number> path("extensionRequestId").longValue();
        action("party1", released, "release", Map.of("reason", "不在我的片区")).then().statusCode(200)
                .body("extensionRequestId", nullValue());
        assertEquals(List.of("LAPSED " + at("2026-11-02T10:00").toInstant()), lapse(other), "lapsed with the release");
    }

    /** The extension request's status and when it was decided (or lapsed). */
    private List<Object> lapse(long request) {
        return Sql.column(dataSource, "SELECT status || ' ' || to_char(decided_at AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM ticket_extension WHERE id = ?", request);
    }

    // ---- supervision -----------------------------------------------------------------------------

    @Test
    void community_admins_supervise_grid_leaders_may_not_and_red_tells_the_grid_leader() {
        String category = category(2, "HOURS", 24, "HOURS", false);
        long id = dispatchedToPool(category).getLong("id");
        action("leader1", id, "supervise", Map.of("level", "RED")).then().statusCode(403);
        action("party3", id, "supervise", Map.of("level", "RED")).then().statusCode(404);
        action("secretary1", id, "supervise", Map.of("level", "PURPLE")).then().statusCode(400);
        JsonPath red = action("secretary1", id, "supervise", Map.of("level", "RED", "note", "群众反映强烈，限期办结"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals("RED", red.getString("supervision"));
        assertThat(inbox("leader1", id), hasItem("SUPERVISED"));
        assertThat(walk("secretary1", Map.of("supervision", "RED"), 100), hasItem(id));
        assertThat(walk("secretary1", Map.of("supervision", "YELLOW"), 100), not(hasItem(id)));
        action("admin", id, "supervise", Map.of("level", "NORMAL")).then().statusCode(200);
    }

    @Test
    void the_contact_units_leader_supervises_what_was_escalated_to_the_unit_and_nothing_finished() {
        long id = file("resident1", ticket("STREETLIGHT", unique("路灯-")));
        action("leader1", id, "dispatch", Map.of("target", "UNIT")).then().statusCode(200);
        action("unit1", id, "supervise", Map.of("level", "YELLOW")).then().statusCode(200);
        action("resident1", id, "cancel", Map.of("reason", "已自行修好")).then().statusCode(200);
        action("secretary1", id, "supervise", Map.of("level", "RED")).then().statusCode(409);
    }

    // ---- the jobs --------------------------------------------------------------------------------

    @Test
    void an_overdue_ticket_turns_yellow_then_red_each_on_the_timeline_and_once() {
        long id = pooledAtNineWithTwoHoursToRespond();

        clock.set(at("2026-11-02T11:30"));   // response due 11:00, RED from 13:00
        jobs.scanOverdue();
        JsonPath yellow = as("leader1").get("/api/v1/tickets/" + id).then().extract().jsonPath();
        assertEquals("YELLOW", yellow.getString("supervision"));
        assertTrue(yellow.getBoolean("overdue"));
        assertThat(walk("leader1", Map.of("overdue", true), 100), hasItem(id));
        assertThat(walk("leader1", Map.of("overdue", false), 100), not(hasItem(id)));
        as("leader1").queryParam("overdue", "maybe").get("/api/v1/tickets").then().statusCode(400);
        assertThat(inbox("leader1", id), hasItem("OVERDUE"));
        jobs.scanOverdue();
        assertEquals(List.of("YELLOW"), escalations(id));

        clock.set(at("2026-11-02T13:30"));
        jobs.scanOverdue();
        jobs.scanOverdue();
        assertEquals("RED", as("leader1").get("/api/v1/tickets/" + id).then().extract().path("supervision"));
        assertEquals(List.of("YELLOW", "RED"), escalations(id));
        assertThat(inbox("leader1", id), hasItem("SUPERVISED"));
    }

    /** The scan and the ticket agree on the instant: due at 11:00 is overdue after 11:00, not at it. */
    @Test
    void at_the_due_instant_a_ticket_is_neither_overdue_nor_raised_and_a_moment_later_it_is_both() {
        long id = pooledAtNineWithTwoHoursToRespond();

        clock.set(at("2026-11-02T11:00"));
        jobs.scanOverdue();
        JsonPath due = as("leader1").get("/api/v1/tickets/" + id).then().extract().jsonPath();
        assertEquals("NORMAL", due.getString("supervision"));
        assertFalse(due.getBoolean("overdue"));
        assertEquals(List.of(), escalations(id));

        clock.set(at("2026-11-02T11:00").plusSeconds(1));
        jobs.scanOverdue();
        JsonPath late = as("leader1").get("/api/v1/tickets/" + id).then().extract().jsonPath();
        assertEquals("YELLOW", late.getString("supervision"));
        assertTrue(late.getBoolean("overdue"));
    }

    @Test
    void a_supervisor_who_lowers_an_overdue_ticket_is_not_overruled_until_it_is_red() {
        long id = pooledAtNineWithTwoHoursToRespond();
        clock.set(at("2026-11-02T11:30"));
        jobs.scanOverdue();
        action("secretary1", id, "supervise", Map.of("level", "NORMAL", "note", "已电话督促")).then().statusCode(200);
        jobs.scanOverdue();
        assertEquals("NORMAL", as("leader1").get("/api/v1/tickets/" + id).then().extract().path("supervision"));
        clock.set(at("2026-11-02T13:30"));
        jobs.scanOverdue();
        assertEquals("RED", as("leader1").get("/api/v1/tickets/" + id).then().extract().path("supervision"));
    }

    @Test
    void a_deadline_is_reminded_once_and_then_overdue_told_to_whoever_has_the_ticket() {
        String category = category(8, "HOURS", 48, "HOURS", false);
        clock.set(at("2026-11-02T09:00"));
        long id = claimedBy("party1", category);
        clock.set(at("2026-11-03T10:00"));
        jobs.remind();
        assertEquals(0, reminders(id), "48 h ahead is outside the 4 h lead");
        clock.set(at("2026-11-04T06:00"));   // resolution due at 09:00
        jobs.remind();
        jobs.remind();
        assertEquals(1, reminders(id));
        assertThat(inbox("party1", id), hasItem("REMINDER"));

        clock.set(at("2026-11-04T09:30"));
        jobs.scanOverdue();
        assertThat(inbox("party1", id), hasItem("OVERDUE"));
        assertThat(inbox("leader1", id), not(hasItem("OVERDUE")));
    }

    @Test
    void an_unrated_resolution_closes_as_not_rated_when_the_window_ends() {
        String category = category(2, "HOURS", 24, "HOURS", false);
        clock.set(at("2026-11-02T09:00"));
        long id = claimedBy("party1", category);
        resolve("party1", id);
        assertThat(inbox("resident1", id), hasItem("RESOLVED"));
        clock.set(at("2026-11-09T08:59"));
        jobs.autoClose();
        assertEquals("RESOLVED", as("resident1").get("/api/v1/tickets/" + id).then().extract().path("status"));
        clock.set(at("2026-11-09T09:01"));
        jobs.autoClose();
        JsonPath closed = as("resident1").get("/api/v1/tickets/" + id).then().extract().jsonPath();
        assertEquals("CLOSED", closed.getString("status"));
        assertEquals("NOT_RATED", closed.getString("rating"));
        assertThat(timeline(id), hasItem("auto-close"));
        action("resident1", id, "feedback", Map.of("rating", "SATISFIED", "solved", "SOLVED")).then().statusCode(409);
    }

    @Test
    void a_category_that_wants_verification_asks_for_feedback_only_once_verified() {
        String category = category(2, "HOURS", 24, "HOURS", true);
        clock.set(at("2026-11-02T09:00"));
        long id = claimedBy("party1", category);
        assertNull(resolve("party1", id).get("feedbackDueAt"));
        clock.set(at("2026-11-20T09:00"));
        jobs.autoClose();
        assertEquals("RESOLVED", as("resident1").get("/api/v1/tickets/" + id).then().extract().path("status"));
        JsonPath verified = action("leader1", id, "verify", Map.of("passed", true)).then().statusCode(200).extract().jsonPath();
        assertInstant("2026-11-27T09:00", verified.getString("feedbackDueAt"));
        assertThat(inbox("resident1", id), hasItem("FEEDBACK_REQUESTED"));
    }

    // ---- the inbox on dispatch and reopen ---------------------------------------------------------

    @Test
    void dispatch_tells_the_pool_the_named_member_or_the_unit_and_a_reopen_tells_the_grid_leader() {
        String category = category(2, "HOURS", 24, "HOURS", false);
        long pooled = dispatchedToPool(category).getLong("id");
        assertThat(inbox("party1", pooled), contains("DISPATCHED"));
        assertThat(inbox("party2", pooled), contains("DISPATCHED"));
        assertThat(inbox("gridmember1", pooled), contains("DISPATCHED"));
        assertThat(inbox("party3", pooled), empty());
        assertThat(inbox("unit1", pooled), empty());

        long direct = file("resident1", ticket(category, unique("点名-")));
        action("leader1", direct, "dispatch", Map.of("target", "ACCOUNT", "assigneeId", Api.accountId("party2")))
                .then().statusCode(200);
        assertThat(inbox("party2", direct), contains("DISPATCHED"));
        assertThat(inbox("party1", direct), empty());

        long escalated = file("resident1", ticket("STREETLIGHT", unique("路灯-")));
        action("leader1", escalated, "dispatch", Map.of("target", "UNIT")).then().statusCode(200);
        assertThat(inbox("unit1", escalated), contains("DISPATCHED"));

        action("party2", direct, "claim", Map.of()).then().statusCode(200);
        resolve("party2", direct);
        action("resident1", direct, "feedback", Map.of("rating", "DISSATISFIED", "solved", "UNSOLVED")).then().statusCode(200);
        assertThat(inbox("leader1", direct), hasItem("REOPENED"));
        action("resident1", direct, "feedback", Map.of("rating", "SATISFIED", "solved", "SOLVED")).then().statusCode(409);
        assertEquals(1, inbox("leader1", direct).stream().filter("REOPENED"::equals).count(), "a refused action tells no one");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    @Test
    void a_changed_category_applies_to_the_next_action_at_once_though_its_terms_are_kept() {
        String category = category(2, "HOURS", 24, "HOURS", false);
        clock.set(at("2026-11-02T09:00"));
        assertInstant("2026-11-02T11:00", dispatchedToPool(category).getString("responseDueAt"));   // read and kept

        String path = "/api/v1/categories/" + category;
        String etag = as("admin").get(path).then().statusCode(200).extract().header("ETag");
        Map<String, Object> change = Catalog.category(category);
        change.put("responseLimit", new LinkedHashMap<>(Map.of("value", 5, "unit", "HOURS")));
        change.put("resolutionLimit", new LinkedHashMap<>(Map.of("value", 24, "unit", "HOURS")));
        as("admin").header("If-Match", etag).body(change).put(path).then().statusCode(200);
        assertInstant("2026-11-02T14:00", dispatchedToPool(category).getString("responseDueAt"));

        change.put("active", false);
        etag = as("admin").get(path).then().statusCode(200).extract().header("ETag");
        as("admin").header("If-Match", etag).body(change).put(path).then().statusCode(200);
        as("resident1").body(ticket(category, unique("停用-"))).post("/api/v1/tickets").then().statusCode(422);
    }

    private static OffsetDateTime at(String shanghai) {
        return OffsetDateTime.parse(shanghai + ":00+08:00");
    }

    private static void assertInstant(String shanghai, String actual) {
        assertNotNull(actual);
        assertEquals(at(shanghai).toInstant(), OffsetDateTime.parse(actual).toInstant());
    }

    /** A new MINOR category of the district with these limits. */
    private static String category(int response, String responseUnit, int resolution, String resolutionUnit, boolean verify) {
        String code = Catalog.uniqueCode("SLA");
        Map<String, Object> body = Catalog.category(code);
        body.put("responseLimit", new LinkedHashMap<>(Map.of("value", response, "unit", responseUnit)));
        body.put("resolutionLimit", new LinkedHashMap<>(Map.of("value", resolution, "unit", resolutionUnit)));
        body.put("verificationRequired", verify);
        as("admin").body(body).post("/api/v1/categories").then().statusCode(201);
        return code;
    }

    /** Pooled at 09:00 on Monday 2 November 2026 with 2 hours to respond: due 11:00, RED from 13:00. */
    private long pooledAtNineWithTwoHoursToRespond() {
        String category = category(2, "HOURS", 24, "HOURS", false);
        clock.set(at("2026-11-02T09:00"));
        return dispatchedToPool(category).getLong("id");
    }

    private static JsonPath dispatchedToPool(String category) {
        long id = file("resident1", ticket(category, unique("时限-")));
        return action("leader1", id, "dispatch", Map.of("target", "POOL")).then().statusCode(200).extract().jsonPath();
    }

    private static long claimedBy(String member, String category) {
        long id = dispatchedToPool(category).getLong("id");
        action(member, id, "claim", Map.of()).then().statusCode(200);
        return id;
    }

    private static JsonPath resolve(String member, long id) {
        return action(member, id, "resolve", Map.of("resolution", "已处理完毕")).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> extension(OffsetDateTime dueAt) {
        return Map.of("dueAt", dueAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), "reason", "需等待配件到货");
    }

    /** The kinds of the account's notifications about the ticket, newest first. */
    private static List<String> inbox(String username, long ticketId) {
        return as(username).queryParam("limit", 100).get("/api/v1/me/notifications").then().statusCode(200).extract()
                .jsonPath().<String> getList("items.findAll { it.ticketId == " + ticketId + " }.kind");
    }

    private static List<String> timeline(long id) {
        return as("leader1").get("/api/v1/tickets/" + id + "/timeline").then().statusCode(200).extract().path("action");
    }

    private static List<String> escalations(long id) {
        return as("leader1").get("/api/v1/tickets/" + id + "/timeline").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.action == 'escalate' }.supervision.level");
    }

    private static long reminders(long id) {
        return timeline(id).stream().filter("remind"::equals).count();
    }
}
