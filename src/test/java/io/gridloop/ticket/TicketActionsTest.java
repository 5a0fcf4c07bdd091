package io.gridloop.ticket;

import static io.gridloop.support.Api.accountId;
import static io.gridloop.support.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gridloop.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Each action of SPEC §1.6 over HTTP: a role that may take it, a role that sees the ticket but may
 * not (403), a state that forbids it (409), and that a refusal changes nothing: not the status, not
 * the version, not the timeline.
 */
@QuarkusTest
class TicketActionsTest {

    private static final String TICKETS = "/api/v1/tickets/";
    private static final Map<String, Object> EMPTY = Map.of();
    private static final Map<String, Object> SATISFIED = Map.of("rating", "SATISFIED", "solved", "SOLVED");
    private static final Map<String, Object> DISSATISFIED = Map.of("rating", "DISSATISFIED", "solved", "UNSOLVED",
            "comment", "还是老样子");

    @Inject
    TicketConfig config;

    // ---- triage ----------------------------------------------------------------------------------

    @Test
    void the_grid_leader_triages_a_submitted_ticket() {
        long id = filed("resident1");
        act("leader1", id, "triage", Map.of("matterClass", "MAJOR", "priority", "URGENT")).then().statusCode(200)
                .body("status", equalTo("TRIAGED")).body("matterClass", equalTo("MAJOR")).body("priority", equalTo("URGENT"));
    }

    @Test
    void a_grid_member_may_not_triage() {
        forbidden("gridmember1", filed("resident1"), "triage", Map.of("matterClass", "MINOR"));
    }

    @Test
    void a_triaged_ticket_is_not_triaged_again() {
        invalidTransition("leader1", triaged("resident1"), "triage", Map.of("matterClass", "MAJOR"));
    }

    // ---- dispatch --------------------------------------------------------------------------------

    @Test
    void the_community_admin_dispatches_a_triaged_ticket_to_the_pool() {
        long id = triaged("resident1");
        act("secretary1", id, "dispatch", Map.of("target", "POOL")).then().statusCode(200)
                .body("status", equalTo("DISPATCHED")).body("assignee.target", equalTo("POOL"));
    }

    @Test
    void a_grid_member_may_not_dispatch() {
        forbidden("gridmember1", triaged("resident1"), "dispatch", Map.of("target", "POOL"));
    }

    @Test
    void a_claimed_ticket_is_not_dispatched_again() {
        invalidTransition("leader1", claimed("party1"), "dispatch", Map.of("target", "POOL"));
    }

    @Test
    void a_personal_matter_is_not_dispatched() {
        long id = filed("resident2", "POLICY_QUERY");
        invalidTransition("leader1", id, "dispatch", Map.of("target", "POOL"));
        assertEquals(null, read(id).getString("matterClass"), "the refused dispatch left the ticket unclassified");
    }

    @Test
    void dispatch_to_an_account_outside_the_community_is_refused_on_the_assignee_field() {
        long id = triaged("resident1");
        Seen before = seen(id);
        Response response = act("leader1", id, "dispatch", Map.of("target", "ACCOUNT", "assigneeId", accountId("party3")));
        assertThat(response.asString(), response.statusCode(), oneOf(400, 422));
        assertThat(response.jsonPath().getList("violations.field"), equalTo(List.of("assigneeId")));
        assertEquals(before, seen(id));
    }

    @Test
    void a_ticket_dispatched_to_a_party_member_is_theirs_alone_to_accept() {
        long id = triaged("resident1");
        long party1 = accountId("party1");
        act("leader1", id, "dispatch", Map.of("target", "ACCOUNT", "assigneeId", party1)).then().statusCode(200)
                .body("status", equalTo("DISPATCHED")).body("assignee.target", equalTo("ACCOUNT"))
                .body("assignee.accountId", equalTo((int) party1));
        as("party1").get(TICKETS + "pool").then().statusCode(200).body("items.id", hasItem((int) id));
        as("party2").get(TICKETS + "pool").then().statusCode(200).body("items.id", not(hasItem((int) id)));
        // party2 is not in the ticket's scope at all once it is someone else's: out of scope is 404
        notFound("party2", id, "claim", EMPTY);
        // the grid member sees every ticket of the grid, but this one is not theirs to accept
        forbidden("gridmember1", id, "claim", EMPTY);
        act("party1", id, "claim", EMPTY).then().statusCode(200).body("status", equalTo("CLAIMED"))
                .body("assignee.accountId", equalTo((int) party1));
    }

    // ---- claim -----------------------------------------------------------------------------------

    @Test
    void a_party_member_of_the_community_claims_from_the_pool() {
        long id = pooled();
        act("party1", id, "claim", EMPTY).then().statusCode(200).body("status", equalTo("CLAIMED"))
                .body("assignee.accountId", equalTo((int) accountId("party1")));
    }

    @Test
    void a_grid_leader_may_not_claim_from_the_pool() {
        forbidden("leader1", pooled(), "claim", EMPTY);
    }

    @Test
    void a_ticket_not_yet_dispatched_cannot_be_claimed() {
        invalidTransition("gridmember1", triaged("resident1"), "claim", EMPTY);
    }

    @Test
    void a_second_claim_on_a_claimed_ticket_is_a_conflict() {
        long id = claimed("party1");
        // the grid member could have claimed it from the pool, and still sees it: first come, first served
        invalidTransition("gridmember1", id, "claim", EMPTY);
    }

    // ---- start -----------------------------------------------------------------------------------

    @Test
    void the_assignee_starts_work() {
        act("party1", claimed("party1"), "start", EMPTY).then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
    }

    @Test
    void the_grid_leader_may_not_start_someone_elses_work() {
        forbidden("leader1", claimed("party1"), "start", EMPTY);
    }

    @Test
    void work_in_progress_is_not_started_again() {
        invalidTransition("party1", inProgress("party1"), "start", EMPTY);
    }

    // ---- notes -----------------------------------------------------------------------------------

    @Test
    void the_assignee_and_staff_in_scope_add_notes_without_changing_the_status() {
        long id = inProgress("party1");
        int events = seen(id).events();
        act("party1", id, "notes", Map.of("text", "已联系物业，明早上门")).then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));
        act("gridmember1", id, "notes", Map.of("text", "网格员现场查看，情况属实")).then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));
        List<Map<String, Object>> timeline = timeline("admin", id);
        assertEquals(events + 2, timeline.size());
        Map<String, Object> last = timeline.get(timeline.size() - 1);
        assertEquals("note", last.get("action"));
        assertEquals("GRID_MEMBER", last.get("actorRole"));
        assertEquals("IN_PROGRESS", last.get("fromStatus"));
        assertEquals("IN_PROGRESS", last.get("toStatus"));
        assertEquals("网格员现场查看，情况属实", last.get("note"));
    }

    @Test
    void the_reporter_may_not_add_handling_notes() {
        forbidden("resident1", inProgress("party1"), "notes", Map.of("text", "我来补充一下"));
    }

    @Test
    void no_notes_before_anyone_has_the_ticket() {
        invalidTransition("leader1", filed("resident1"), "notes", Map.of("text", "先记一笔"));
    }

    // ---- release ---------------------------------------------------------------------------------

    @Test
    void release_returns_the_ticket_to_triage_with_the_assignee_cleared() {
        long id = inProgress("party1");
        act("party1", id, "release", Map.of("reason", "需要专业维修，党员无法处理")).then().statusCode(200)
                .body("status", equalTo("TRIAGED")).body("assignee", nullValue());
        Map<String, Object> last = last(timeline("resident1", id));
        assertEquals("release", last.get("action"));
        assertEquals("IN_PROGRESS", last.get("fromStatus"));
        assertEquals("TRIAGED", last.get("toStatus"));
        assertEquals("需要专业维修，党员无法处理", last.get("note"));
        // no longer party1's: it is out of their scope until it is pooled again
        as("party1").get(TICKETS + id).then().statusCode(404);
        act("leader1", id, "dispatch", Map.of("target", "POOL")).then().statusCode(200).body("status", equalTo("DISPATCHED"));
        act("party2", id, "claim", EMPTY).then().statusCode(200).body("assignee.accountId", equalTo((int) accountId("party2")));
    }

    @Test
    void a_release_needs_a_reason() {
        long id = claimed("party1");
        Seen before = seen(id);
        JsonPath problem = Problems.problem(act("party1", id, "release", EMPTY), 400, "validation");
        assertThat(problem.getList("violations.field"), equalTo(List.of("reason")));
        assertEquals(before, seen(id));
    }

    @Test
    void only_the_assignee_releases() {
        forbidden("leader1", claimed("party1"), "release", Map.of("reason", "网格长代为退回"));
    }

    @Test
    void a_resolved_ticket_is_not_released() {
        invalidTransition("party1", resolved("party1"), "release", Map.of("reason", "不想办了"));
    }

    // ---- resolve ---------------------------------------------------------------------------------

    @Test
    void the_assignee_resolves_work_in_progress() {
        act("party1", inProgress("party1"), "resolve", Map.of("resolution", "垃圾已清运")).then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("resolution", equalTo("垃圾已清运"));
    }

    @Test
    void the_grid_leader_may_not_resolve_a_members_work() {
        forbidden("leader1", inProgress("party1"), "resolve", Map.of("resolution", "网格长代办结"));
    }

    @Test
    void a_resolved_ticket_is_not_resolved_again() {
        invalidTransition("party1", resolved("party1"), "resolve", Map.of("resolution", "再办结一次"));
    }

    @Test
    void the_grid_leader_answers_a_personal_matter_from_triage_but_a_grid_member_may_not() {
        long id = filed("resident2", "POLICY_QUERY");
        act("leader1", id, "triage", Map.of("matterClass", "PERSONAL")).then().statusCode(200);
        forbidden("gridmember1", id, "resolve", Map.of("resolution", "网格员答复"));
        act("leader1", id, "resolve", Map.of("resolution", "可到街道社保窗口办理")).then().statusCode(200)
                .body("status", equalTo("RESOLVED"));
        assertEquals("GRID_LEADER", last(timeline("resident2", id)).get("actorRole"));
    }

    // ---- verify ----------------------------------------------------------------------------------

    @Test
    void verify_passed_keeps_the_ticket_resolved_and_marks_it_verified() {
        long id = resolved("party1", "STREETLIGHT");
        act("leader1", id, "verify", Map.of("passed", true, "note", "现场查看已修好")).then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("verifiedAt", notNullValue());
        Map<String, Object> last = last(timeline("admin", id));
        assertEquals("RESOLVED", last.get("fromStatus"));
        assertEquals("RESOLVED", last.get("toStatus"));
    }

    @Test
    void verify_failed_sends_the_ticket_back_to_work() {
        long id = resolved("party1", "STREETLIGHT");
        act("secretary1", id, "verify", Map.of("passed", false, "note", "东门还有一盏不亮")).then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("verifiedAt", nullValue())
                .body("assignee.accountId", equalTo((int) accountId("party1")));
        act("party1", id, "resolve", Map.of("resolution", "第二盏也已更换")).then().statusCode(200)
                .body("status", equalTo("RESOLVED"));
    }

    @Test
    void the_assignee_may_not_verify_their_own_work() {
        forbidden("party1", resolved("party1", "STREETLIGHT"), "verify", Map.of("passed", true));
    }

    @Test
    void work_in_progress_is_not_verified() {
        invalidTransition("leader1", inProgress("party1"), "verify", Map.of("passed", true));
    }

    // ---- feedback --------------------------------------------------------------------------------

    @Test
    void the_reporter_closes_a_resolved_ticket_with_a_good_rating() {
        act("resident1", resolved("party1"), "feedback", SATISFIED).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("rating", equalTo("SATISFIED")).body("solved", equalTo("SOLVED"));
    }

    @Test
    void only_the_reporter_rates() {
        forbidden("party1", resolved("party1"), "feedback", SATISFIED);
    }

    @Test
    void no_feedback_before_the_ticket_is_resolved() {
        invalidTransition("resident1", inProgress("party1"), "feedback", SATISFIED);
    }

    @Test
    void no_feedback_before_verification_when_the_category_requires_it() {
        long id = resolved("party1", "STREETLIGHT");
        invalidTransition("resident1", id, "feedback", SATISFIED);
        act("leader1", id, "verify", Map.of("passed", true)).then().statusCode(200);
        act("resident1", id, "feedback", SATISFIED).then().statusCode(200).body("status", equalTo("CLOSED"));
    }

    @Test
    void dissatisfied_feedback_reopens_the_ticket_to_triage() {
        long id = resolved("party1");
        act("resident1", id, "feedback", DISSATISFIED).then().statusCode(200)
                .body("status", equalTo("TRIAGED")).body("reopenCount", equalTo(1)).body("assignee", nullValue())
                .body("flaggedForCommunity", equalTo(false)).body("rating", equalTo("DISSATISFIED"));
        Map<String, Object> last = last(timeline("resident1", id));
        assertEquals("feedback", last.get("action"));
        assertEquals("RESOLVED", last.get("fromStatus"));
        assertEquals("TRIAGED", last.get("toStatus"));
    }

    @Test
    void after_the_maximum_reopens_a_dissatisfied_rating_closes_the_ticket_flagged_for_the_community() {
        long id = resolved("party1");
        for (int reopened = 1; reopened <= config.maxReopens(); reopened++) {
            act("resident1", id, "feedback", DISSATISFIED).then().statusCode(200)
                    .body("status", equalTo("TRIAGED")).body("reopenCount", equalTo(reopened))
                    .body("flaggedForCommunity", equalTo(false));
            act("leader1", id, "dispatch", Map.of("target", "POOL")).then().statusCode(200);
            act("party2", id, "claim", EMPTY).then().statusCode(200);
            act("party2", id, "resolve", Map.of("resolution", "第 " + (reopened + 1) + " 次处理")).then().statusCode(200);
        }
        act("resident1", id, "feedback", DISSATISFIED).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("reopenCount", equalTo(config.maxReopens()))
                .body("flaggedForCommunity", equalTo(true));
        invalidTransition("resident1", id, "feedback", SATISFIED);
    }

    // ---- cancel ----------------------------------------------------------------------------------

    @Test
    void the_reporter_withdraws_a_ticket_before_anyone_claims_it() {
        act("resident1", filed("resident1"), "cancel", Map.of("reason", "已自行解决")).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        act("resident1", triaged("resident1"), "cancel", EMPTY).then().statusCode(200).body("status", equalTo("CANCELLED"));
        act("resident1", pooled(), "cancel", EMPTY).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void only_the_reporter_withdraws() {
        forbidden("leader1", filed("resident1"), "cancel", Map.of("reason", "网格长代撤"));
    }

    @Test
    void a_claimed_ticket_cannot_be_withdrawn() {
        invalidTransition("resident1", claimed("party1"), "cancel", Map.of("reason", "不需要了"));
    }

    // ---- reject ----------------------------------------------------------------------------------

    @Test
    void the_grid_leader_rejects_an_invalid_ticket() {
        act("leader1", filed("resident1"), "reject", Map.of("reason", "INVALID", "note", "内容无法核实")).then()
                .statusCode(200).body("status", equalTo("REJECTED")).body("rejectReason", equalTo("INVALID"));
    }

    @Test
    void a_grid_member_may_not_reject() {
        forbidden("gridmember1", filed("resident1"), "reject", Map.of("reason", "INVALID"));
    }

    @Test
    void a_dispatched_ticket_is_not_rejected() {
        invalidTransition("leader1", pooled(), "reject", Map.of("reason", "OUT_OF_SCOPE"));
    }

    @Test
    void a_rejection_needs_a_reason() {
        long id = filed("resident1");
        Seen before = seen(id);
        JsonPath problem = Problems.problem(act("leader1", id, "reject", Map.of("note", "没有理由")), 400, "validation");
        assertThat(problem.getList("violations.field"), equalTo(List.of("reason")));
        assertEquals(before, seen(id));
    }

    @Test
    void a_duplicate_links_to_its_original_and_the_original_lists_it() {
        long original = filed("resident1");
        long duplicate = filed("resident2");
        act("leader1", duplicate, "reject", Map.of("reason", "DUPLICATE", "duplicateOf", original)).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("rejectReason", equalTo("DUPLICATE"))
                .body("duplicateOf", equalTo((int) original));
        as("leader1").get(TICKETS + original).then().statusCode(200).body("duplicates", contains((int) duplicate));
        as("resident2").get(TICKETS + duplicate).then().statusCode(200).body("duplicateOf", equalTo((int) original));
        // the original's reporter may not read resident2's ticket, so its id is not listed to them either
        as("resident1").get(TICKETS + original).then().statusCode(200).body("duplicates", empty());
        // the answer to an action on the original, and a page of tickets, list it as the ticket's own view does
        act("leader1", original, "triage", Map.of("matterClass", "MINOR")).then().statusCode(200)
                .body("duplicates", contains((int) duplicate));
        as("leader1").get("/api/v1/tickets?limit=100").then().statusCode(200)
                .body("items.find { it.id == " + original + " }.duplicates", contains((int) duplicate));
        as("resident1").get("/api/v1/tickets?limit=100").then().statusCode(200)
                .body("items.find { it.id == " + original + " }.duplicates", empty());
    }

    @Test
    void a_duplicate_must_name_an_original_the_leader_can_see() {
        long id = filed("resident1");
        long elsewhere = filed("resident3");
        duplicateRefused(id, Map.of("reason", "DUPLICATE"));
        duplicateRefused(id, Map.of("reason", "DUPLICATE", "duplicateOf", id));
        duplicateRefused(id, Map.of("reason", "DUPLICATE", "duplicateOf", elsewhere));
        duplicateRefused(id, Map.of("reason", "DUPLICATE", "duplicateOf", 999_999_999L));
    }

    private void duplicateRefused(long id, Map<String, Object> body) {
        Seen before = seen(id);
        JsonPath problem = Problems.problem(act("leader1", id, "reject", body), 400, "validation");
        assertThat(body.toString(), problem.getList("violations.field"), equalTo(List.of("duplicateOf")));
        assertEquals(before, seen(id));
    }

    // ---- scope -----------------------------------------------------------------------------------

    @Test
    void a_resident_cannot_see_or_touch_another_residents_ticket() {
        long id = filed("resident1");
        as("resident2").get(TICKETS + id).then().statusCode(404);
        as("resident2").get(TICKETS + id + "/timeline").then().statusCode(404);
        notFound("resident2", id, "cancel", EMPTY);
        notFound("resident2", id, "feedback", SATISFIED);
    }

    @Test
    void a_party_member_of_another_community_cannot_see_or_claim_its_pool() {
        long id = pooled();
        as("party3").get(TICKETS + id).then().statusCode(404);
        notFound("party3", id, "claim", EMPTY);
    }

    @Test
    void a_grid_leader_cannot_see_or_act_on_a_ticket_of_another_grid() {
        long id = filed("resident3");
        as("leader1").get(TICKETS + id).then().statusCode(404);
        notFound("leader1", id, "triage", Map.of("matterClass", "MINOR"));
        notFound("leader1", id, "dispatch", Map.of("target", "POOL"));
        notFound("leader1", id, "reject", Map.of("reason", "INVALID"));
    }

    // ---- filing by staff -------------------------------------------------------------------------

    @Test
    void a_grid_member_files_what_the_patrol_finds_in_their_grid() {
        long grid1 = gridOf("leader1");
        Response response = as("gridmember1").body(Map.of("categoryCode", "GARBAGE", "title", "巡查发现垃圾桶满溢"))
                .post("/api/v1/tickets");
        response.then().statusCode(201).body("status", equalTo("SUBMITTED")).body("source", equalTo("PATROL"))
                .body("gridId", equalTo((int) grid1));
        long id = response.jsonPath().getLong("id");
        Map<String, Object> filed = timeline("admin", id).get(0);
        assertEquals("file", filed.get("action"));
        assertEquals("GRID_MEMBER", filed.get("actorRole"));
        assertEquals(accountId("gridmember1"), ((Number) filed.get("actorId")).longValue());

        act("gridmember1", id, "cancel", Map.of("reason", "已当场处理")).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        Map<String, Object> cancelled = last(timeline("admin", id));
        assertEquals("cancel", cancelled.get("action"));
        assertEquals("GRID_MEMBER", cancelled.get("actorRole"), "the reporter acts in the role they filed in");
    }

    @Test
    void a_grid_member_does_not_file_a_patrol_report_for_another_grid() {
        long elsewhere = read(filed("resident3")).getLong("gridId");
        as("gridmember1").body(Map.of("categoryCode", "GARBAGE", "title", "别的网格的垃圾", "gridId", elsewhere))
                .post("/api/v1/tickets").then().statusCode(422);
    }

    @Test
    void staff_file_a_walk_in_request_with_the_visitors_name() {
        long grid1 = gridOf("leader1");
        Map<String, Object> body = new HashMap<>(Map.of("categoryCode", "NOISE", "title", "楼上装修夜间施工",
                "gridId", grid1, "source", "WALK_IN", "reporterName", "王大爷", "reporterPhone", "13700001234"));
        Response response = as("leader1").body(body).post("/api/v1/tickets");
        response.then().statusCode(201).body("source", equalTo("WALK_IN")).body("gridId", equalTo((int) grid1))
                .body("reporter.name", equalTo("王大爷")).body("reporter.accountId", nullValue());
        assertEquals("GRID_LEADER", timeline("leader1", response.jsonPath().getLong("id")).get(0).get("actorRole"));

        body.remove("reporterName");
        JsonPath problem = Problems.problem(as("leader1").body(body).post("/api/v1/tickets"), 400, "validation");
        assertThat(problem.getList("violations.field"), equalTo(List.of("reporterName")));
    }

    // ---- the timeline ----------------------------------------------------------------------------

    @Test
    void the_timeline_records_each_steps_actor_role_and_status_change() {
        long id = filed("resident1", "STREETLIGHT");
        act("leader1", id, "triage", Map.of("matterClass", "MINOR")).then().statusCode(200);
        act("secretary1", id, "dispatch", Map.of("target", "POOL", "note", "请党员认领")).then().statusCode(200);
        act("party1", id, "claim", EMPTY).then().statusCode(200);
        act("party1", id, "start", EMPTY).then().statusCode(200);
        act("gridmember1", id, "notes", Map.of("text", "已到现场")).then().statusCode(200);
        act("party1", id, "resolve", Map.of("resolution", "已更换灯泡")).then().statusCode(200);
        act("leader1", id, "verify", Map.of("passed", false)).then().statusCode(200);
        act("party1", id, "resolve", Map.of("resolution", "两盏都已更换")).then().statusCode(200);
        act("secretary1", id, "verify", Map.of("passed", true)).then().statusCode(200);
        act("resident1", id, "feedback", SATISFIED).then().statusCode(200).body("status", equalTo("CLOSED"));

        List<List<Object>> steps = new ArrayList<>();
        for (Map<String, Object> event : timeline("resident1", id)) {
            steps.add(List.of(String.valueOf(event.get("action")), String.valueOf(event.get("actorRole")),
                    String.valueOf(event.get("fromStatus")), String.valueOf(event.get("toStatus"))));
            assertThat(event.toString(), event.get("actorId"), notNullValue());
            assertThat(event.toString(), event.get("at"), notNullValue());
        }
        assertEquals(List.of(
                List.of("file", "RESIDENT", "null", "SUBMITTED"),
                List.of("triage", "GRID_LEADER", "SUBMITTED", "TRIAGED"),
                List.of("dispatch", "COMMUNITY_ADMIN", "TRIAGED", "DISPATCHED"),
                List.of("claim", "PARTY_MEMBER", "DISPATCHED", "CLAIMED"),
                List.of("start", "PARTY_MEMBER", "CLAIMED", "IN_PROGRESS"),
                List.of("note", "GRID_MEMBER", "IN_PROGRESS", "IN_PROGRESS"),
                List.of("resolve", "PARTY_MEMBER", "IN_PROGRESS", "RESOLVED"),
                List.of("verify", "GRID_LEADER", "RESOLVED", "IN_PROGRESS"),
                List.of("resolve", "PARTY_MEMBER", "IN_PROGRESS", "RESOLVED"),
                List.of("verify", "COMMUNITY_ADMIN", "RESOLVED", "RESOLVED"),
                List.of("feedback", "RESIDENT", "RESOLVED", "CLOSED")), steps);
    }

    // ---- building tickets ------------------------------------------------------------------------

    /** GARBAGE: a MINOR matter that needs no verification. */
    private static long filed(String reporter) {
        return filed(reporter, "GARBAGE");
    }

    private static long filed(String reporter, String categoryCode) {
        return as(reporter).body(Map.of("categoryCode", categoryCode, "title", "测试事项 " + categoryCode))
                .post("/api/v1/tickets").then().statusCode(201).body("status", equalTo("SUBMITTED"))
                .extract().<Number> path("id").longValue();
    }

    private static long triaged(String reporter) {
        return triaged(reporter, "GARBAGE");
    }

    private static long triaged(String reporter, String categoryCode) {
        long id = filed(reporter, categoryCode);
        act("leader1", id, "triage", Map.of("matterClass", "MINOR")).then().statusCode(200).body("status", equalTo("TRIAGED"));
        return id;
    }

    /** A resident1 ticket in grid 1's pool. */
    private static long pooled() {
        return pooled("GARBAGE");
    }

    private static long pooled(String categoryCode) {
        long id = triaged("resident1", categoryCode);
        act("leader1", id, "dispatch", Map.of("target", "POOL")).then().statusCode(200).body("status", equalTo("DISPATCHED"));
        return id;
    }

    private static long claimed(String member) {
        return claimed(member, "GARBAGE");
    }

    private static long claimed(String member, String categoryCode) {
        long id = pooled(categoryCode);
        act(member, id, "claim", EMPTY).then().statusCode(200).body("status", equalTo("CLAIMED"));
        return id;
    }

    private static long inProgress(String member) {
        long id = claimed(member);
        act(member, id, "start", EMPTY).then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        return id;
    }

    private static long resolved(String member) {
        return resolved(member, "GARBAGE");
    }

    private static long resolved(String member, String categoryCode) {
        long id = claimed(member, categoryCode);
        act(member, id, "resolve", Map.of("resolution", "已处理完毕")).then().statusCode(200).body("status", equalTo("RESOLVED"));
        return id;
    }

    // ---- acting and looking ----------------------------------------------------------------------

    private static Response act(String user, long id, String action, Map<String, Object> body) {
        return as(user).body(body).post(TICKETS + id + "/" + action);
    }

    private static JsonPath read(long id) {
        return as("admin").get(TICKETS + id).then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> timeline(String user, long id) {
        return as(user).get(TICKETS + id + "/timeline").then().statusCode(200).extract().jsonPath().getList("");
    }

    private static Map<String, Object> last(List<Map<String, Object>> timeline) {
        return timeline.get(timeline.size() - 1);
    }

    /** The first region the account is bound to, as /api/v1/me lists it: a grid leader's grid. */
    static long gridOf(String leader) {
        return as(leader).get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id").longValue();
    }

    /** What a refused action must leave as it was. */
    private record Seen(String status, long version, int events) {
    }

    private static Seen seen(long id) {
        JsonPath ticket = read(id);
        return new Seen(ticket.getString("status"), ticket.getLong("version"), timeline("admin", id).size());
    }

    private static void forbidden(String user, long id, String action, Map<String, Object> body) {
        refused(403, "forbidden", user, id, action, body);
    }

    private static void invalidTransition(String user, long id, String action, Map<String, Object> body) {
        refused(409, "invalid-transition", user, id, action, body);
    }

    private static void notFound(String user, long id, String action, Map<String, Object> body) {
        refused(404, "not-found", user, id, action, body);
    }

    private static void refused(int status, String kind, String user, long id, String action, Map<String, Object> body) {
        Seen before = seen(id);
        Problems.problem(act(user, id, action, body), status, kind);
        assertEquals(before, seen(id), user + " " + action + " was refused but changed the ticket");
    }
}
