package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.gridloop.ticket.TicketFixtures.action;
import static io.gridloop.ticket.TicketFixtures.community1;
import static io.gridloop.ticket.TicketFixtures.file;
import static io.gridloop.ticket.TicketFixtures.grid5;
import static io.gridloop.ticket.TicketFixtures.parentOf;
import static io.gridloop.ticket.TicketFixtures.ticket;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridloop.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The needs list of a community's three lists (SPEC §1.9), {@link WishWall#needs}: its open tickets and
 * wishes, anonymised exactly as the wall anonymises a wish.
 */
@QuarkusTest
class NeedsListTest {

    private static final String ADDRESS = "幸福小区9幢1单元101室";

    private static long filed(String kind, String title) {
        Map<String, Object> body = ticket("GARBAGE", title);
        body.put("kind", kind);
        body.put("location", Map.of("address", ADDRESS));
        return file("resident1", body);
    }

    /** Every need of community 1 the account sees, following nextCursor; optionally of one kind. */
    private static List<Map<String, Object>> needs(String username, String kind, int limit) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(username).queryParam("limit", limit);
            if (kind != null) {
                request.queryParam("kind", kind);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/lists/" + community1() + "/needs").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            assertTrue(items.size() <= limit);
            all.addAll(items);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    private static Map<String, Object> need(List<Map<String, Object>> needs, long id) {
        return needs.stream().filter(n -> ((Number) n.get("id")).longValue() == id).findFirst().orElse(null);
    }

    @Test
    void open_tickets_and_wishes_are_needs_shown_without_the_resident() {
        long issue = filed("ISSUE", unique("需求-报事-"));
        long wish = filed("WISH", unique("需求-心愿-"));
        action("leader1", wish, "dispatch", Map.of("target", "POOL")).then().statusCode(200);

        for (String member : List.of("resident2", "party1", "gridmember1", "secretary1", "admin")) {
            List<Map<String, Object>> needs = needs(member, null, 100);
            Map<String, Object> shownIssue = need(needs, issue);
            Map<String, Object> shownWish = need(needs, wish);
            assertEquals("ISSUE", shownIssue.get("kind"), member);
            assertEquals("WISH", shownWish.get("kind"), member);
            assertEquals(true, shownWish.get("claimable"));
            for (Map<String, Object> shown : List.of(shownIssue, shownWish)) {
                assertEquals("幸福小区9幢", shown.get("building"));
                assertFalse(shown.containsKey("reporter"));
                assertFalse(shown.containsKey("location"));
                assertThat(shown.toString(), not(org.hamcrest.Matchers.containsString("101室")));
                assertThat(shown.toString(), not(org.hamcrest.Matchers.containsString("黄丽娟")));
            }
        }
    }

    @Test
    void closed_cancelled_and_rejected_tickets_and_a_residents_own_affair_are_no_needs() {
        long cancelled = filed("WISH", unique("需求-撤回-"));
        action("resident1", cancelled, "cancel", Map.of("reason", "不需要了")).then().statusCode(200);
        long rejected = filed("ISSUE", unique("需求-驳回-"));
        action("leader1", rejected, "reject", Map.of("reason", "INVALID")).then().statusCode(200);
        long personal = filed("ISSUE", unique("需求-私事-"));
        action("leader1", personal, "triage", Map.of("matterClass", "PERSONAL")).then().statusCode(200);
        long closed = filed("WISH", unique("需求-已完成-"));
        action("leader1", closed, "dispatch", Map.of("target", "POOL")).then().statusCode(200);
        action("party1", closed, "claim", Map.of()).then().statusCode(200);
        action("party1", closed, "resolve", Map.of("resolution", "已办好")).then().statusCode(200);
        long resolved = filed("ISSUE", unique("需求-待评价-"));
        action("leader1", resolved, "dispatch", Map.of("target", "POOL")).then().statusCode(200);
        action("party1", resolved, "claim", Map.of()).then().statusCode(200);
        action("party1", resolved, "resolve", Map.of("resolution", "已清理")).then().statusCode(200);
        action("resident1", closed, "feedback", Map.of("rating", "SATISFIED", "solved", "SOLVED")).then().statusCode(200);

        List<Map<String, Object>> needs = needs("secretary1", null, 100);
        for (long gone : List.of(cancelled, rejected, personal, closed)) {
            assertNull(need(needs, gone), "not a need: " + gone);
        }
        // resolved, the resident has yet to confirm: still open
        assertNotNull(need(needs, resolved));
    }

    @Test
    void the_needs_list_pages_by_cursor_newest_first_and_filters_by_kind() {
        List<Long> wishes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            wishes.add(filed("WISH", unique("需求-翻页-")));
        }
        long issue = filed("ISSUE", unique("需求-翻页报事-"));

        List<Map<String, Object>> onlyWishes = needs("secretary1", "WISH", 2);
        List<Long> ids = onlyWishes.stream().map(n -> ((Number) n.get("id")).longValue()).toList();
        assertTrue(onlyWishes.stream().allMatch(n -> "WISH".equals(n.get("kind"))));
        assertFalse(ids.contains(issue));
        assertTrue(ids.containsAll(wishes));
        assertEquals(ids.stream().distinct().count(), ids.size(), "no need on two pages");
        assertEquals(ids.stream().sorted(java.util.Comparator.reverseOrder()).toList(), ids, "newest first");
        assertNotNull(need(needs("secretary1", "ISSUE", 100), issue));
    }

    @Test
    void another_communitys_needs_are_not_found() {
        long community = community1();
        Problems.problem(as("resident3").get("/api/v1/lists/" + community + "/needs"), 404, "not-found");
        Problems.problem(as("party3").get("/api/v1/lists/" + community + "/needs"), 404, "not-found");
        Problems.problem(as("unit1").get("/api/v1/lists/" + community + "/needs"), 404, "not-found");
        Problems.problem(as("admin").get("/api/v1/lists/" + grid5() + "/needs"), 404, "not-found");
        Problems.problem(as("secretary1").queryParam("kind", "PLEA").get("/api/v1/lists/" + community + "/needs"), 400,
                "bad-request");
        as("resident3").get("/api/v1/lists/" + parentOf(grid5()) + "/needs").then().statusCode(200);
    }
}
