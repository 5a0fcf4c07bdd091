package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.gridloop.ticket.TicketFixtures.account;
import static io.gridloop.ticket.TicketFixtures.action;
import static io.gridloop.ticket.TicketFixtures.community1;
import static io.gridloop.ticket.TicketFixtures.file;
import static io.gridloop.ticket.TicketFixtures.grid1;
import static io.gridloop.ticket.TicketFixtures.parentOf;
import static io.gridloop.ticket.TicketFixtures.grid5;
import static io.gridloop.ticket.TicketFixtures.ticket;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.gridloop.support.Api;
import io.gridloop.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** SPEC §1.9 micro-wish wall: a wish is a ticket of kind WISH, public within its community, its resident anonymised. */
@QuarkusTest
class WishWallTest {

    private static final String ADDRESS = "幸福小区3幢2单元501室";

    /** A wish resident1 files in grid 1, with a full address and their name on the account. */
    private static long wish(String title) {
        Map<String, Object> body = ticket("GARBAGE", title);
        body.put("kind", "WISH");
        body.put("location", Map.of("address", ADDRESS));
        return file("resident1", body);
    }

    private static Map<String, Object> onWall(String username, long communityId, long id) {
        List<Map<String, Object>> items = as(username).queryParam("communityId", communityId).queryParam("limit", 100)
                .get("/api/v1/wishes").then().statusCode(200).extract().path("items");
        return items.stream().filter(w -> ((Number) w.get("id")).longValue() == id).findFirst().orElse(null);
    }

    @Test
    void the_wall_shows_a_communitys_wishes_to_its_people_with_the_resident_anonymised() {
        String title = unique("微心愿-");
        long id = wish(title);
        long community = community1();

        for (String member : List.of("resident2", "party1", "gridmember1", "leader1", "secretary1", "admin")) {
            Map<String, Object> shown = onWall(member, community, id);
            assertEquals(title, shown.get("title"), member);
            assertEquals("幸福小区3幢", shown.get("building"), member);
            assertEquals("SUBMITTED", shown.get("status"));
            assertEquals(false, shown.get("claimable"));
            assertFalse(shown.containsKey("reporter"));
            assertFalse(shown.containsKey("location"));
            assertThat(shown.toString(), not(org.hamcrest.Matchers.containsString("501")));
        }
    }

    @Test
    void an_issue_is_not_a_wish_and_a_cancelled_wish_leaves_the_wall() {
        long issue = file("resident1", ticket("GARBAGE", unique("不是心愿-")));
        long cancelled = wish(unique("撤回的心愿-"));
        action("resident1", cancelled, "cancel", Map.of("reason", "已解决")).then().statusCode(200);

        assertNull(onWall("secretary1", community1(), issue));
        assertNull(onWall("secretary1", community1(), cancelled));
        as("secretary1").queryParam("communityId", community1()).queryParam("status", "CANCELLED").get("/api/v1/wishes")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void another_community_a_grid_or_an_unknown_id_is_not_found_and_a_missing_community_is_refused() {
        long community = community1();
        Problems.problem(as("resident3").queryParam("communityId", community).get("/api/v1/wishes"), 404, "not-found");
        Problems.problem(as("party3").queryParam("communityId", community).get("/api/v1/wishes"), 404, "not-found");
        Problems.problem(as("unit1").queryParam("communityId", community).get("/api/v1/wishes"), 404, "not-found");
        Problems.problem(as("admin").queryParam("communityId", grid1()).get("/api/v1/wishes"), 404, "not-found");
        Problems.problem(as("admin").queryParam("communityId", 987654321L).get("/api/v1/wishes"), 404, "not-found");
        Problems.problem(as("admin").get("/api/v1/wishes"), 400, "validation");
        Problems.problem(as("admin").queryParam("communityId", "x").get("/api/v1/wishes"), 400, "bad-request");
        Problems.problem(as("admin").queryParam("communityId", community).queryParam("limit", 101).get("/api/v1/wishes"),
                400, "validation");
        Problems.problem(Api.anonymous().queryParam("communityId", community).get("/api/v1/wishes"), 401, "unauthenticated");
        // resident3's own community shows its own wall
        as("resident3").queryParam("communityId", parentOf(grid5())).get("/api/v1/wishes").then().statusCode(200);
    }

    @Test
    void the_wall_pages_by_cursor_newest_first() {
        List<Long> filed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            filed.add(wish(unique("翻页心愿-")));
        }
        Response first = as("secretary1").queryParam("communityId", community1()).queryParam("limit", 2).get("/api/v1/wishes");
        List<Long> page = first.jsonPath().<Number> getList("items.id").stream().map(Number::longValue).toList();
        assertEquals(List.of(filed.get(2), filed.get(1)), page);
        List<Long> next = as("secretary1").queryParam("communityId", community1()).queryParam("limit", 2)
                .queryParam("cursor", first.jsonPath().getString("nextCursor")).get("/api/v1/wishes").jsonPath()
                .<Number> getList("items.id").stream().map(Number::longValue).toList();
        assertEquals(filed.get(0), next.get(0));
    }

    @Test
    void of_twenty_simultaneous_claims_on_a_pooled_wish_exactly_one_wins() throws Exception {
        long id = wish(unique("抢心愿-"));
        action("leader1", id, "dispatch", Map.of("target", "POOL")).then().statusCode(200);
        assertEquals(true, onWall("party1", community1(), id).get("claimable"));
        List<String> members = new ArrayList<>(List.of("party1", "party2"));
        for (int i = 0; i < 4; i++) {
            members.add(account("wishparty", "PARTY_MEMBER", community1()));
        }
        members.forEach(Api::token);

        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Integer> statuses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> pending = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String member = members.get(i % members.size());
                pending.add(pool.submit(() -> {
                    start.await();
                    return as(member).body(Map.of()).post("/api/v1/tickets/" + id + "/claim");
                }));
            }
            start.countDown();
            for (Future<Response> response : pending) {
                Response answer = response.get(120, TimeUnit.SECONDS);
                statuses.add(answer.statusCode());
                if (answer.statusCode() != 200) {
                    Problems.problem(answer, 409, "invalid-transition");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        Map<String, Object> claimed = onWall("resident2", community1(), id);
        assertEquals("CLAIMED", claimed.get("status"));
        assertEquals(false, claimed.get("claimable"));
        assertThat(as("party1").queryParam("communityId", community1()).get("/api/v1/wishes").jsonPath()
                .<Number> getList("items.id").stream().map(Number::longValue).toList(), hasItem(id));
        as("leader1").get("/api/v1/tickets/" + id + "/timeline").then().statusCode(200)
                .body("findAll { it.action == 'claim' }.size()", equalTo(1));
    }
}
