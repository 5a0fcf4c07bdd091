package io.gridloop.review;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.gridloop.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * SPEC §1.8 leaders' comments and peer review: who may make them and where, once, final; the points a
 * comment's score moves, exactly once and never below zero.
 */
@QuarkusTest
class ReviewTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static long region(String type, String name) {
        List<Map<String, Object>> items = as("admin").queryParam("type", type).queryParam("limit", 100).get("/api/v1/regions")
                .then().statusCode(200).extract().path("items");
        return items.stream().filter(r -> name.equals(r.get("name"))).map(r -> ((Number) r.get("id")).longValue()).findFirst()
                .orElseThrow();
    }

    static long community1() {
        return region("COMMUNITY", "幸福社区");
    }

    /** A new account with these roles ({role, regionId}); password "gridloop". */
    static String account(String prefix, List<Map<String, Object>> roles) {
        String username = unique(prefix);
        as("admin").body(Map.of("username", username, "password", Api.PASSWORD, "name", "评议" + prefix, "roles", roles,
                "mustChangePassword", false)).post("/api/v1/accounts").then().statusCode(201);
        return username;
    }

    static String member(long communityId) {
        return account("review.pm.", List.of(Map.of("role", "PARTY_MEMBER", "regionId", communityId)));
    }

    /** A ticket of resident1 (grid 1) dispatched to the handler, claimed and resolved by them; its id. */
    static long resolvedBy(String handler) {
        long id = as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", unique("点评-")))
                .post("/api/v1/tickets").then().statusCode(201).extract().<Number> path("id").longValue();
        String path = "/api/v1/tickets/" + id;
        as("leader1").body(Map.of("target", "ACCOUNT", "assigneeId", Api.accountId(handler))).post(path + "/dispatch")
                .then().statusCode(200);
        as(handler).body(Map.of()).post(path + "/claim").then().statusCode(200);
        as(handler).body(Map.of("resolution", "已办好")).post(path + "/resolve").then().statusCode(200);
        return id;
    }

    static long closedBy(String handler, String rating) {
        long id = resolvedBy(handler);
        as("resident1").body(Map.of("rating", rating, "solved", "SOLVED")).post("/api/v1/tickets/" + id + "/feedback")
                .then().statusCode(200).body("status", equalTo("CLOSED"));
        return id;
    }

    static Response comment(String leader, long ticketId, int score) {
        return as(leader).body(Map.of("score", score, "text", "处置及时，群众满意")).post("/api/v1/tickets/" + ticketId + "/comments");
    }

    static long balance(String username) {
        return as(username).get("/api/v1/points/balance").then().statusCode(200).extract().<Number> path("balance").longValue();
    }

    private static Map<String, Object> rules() {
        return as("admin").get("/api/v1/points/rules").then().statusCode(200).extract().path("");
    }

    private static int rule(String name) {
        return ((Number) rules().get(name)).intValue();
    }

    private void balancesAreTheirLedgers() {
        assertEquals(0, Sql.count(dataSource, """
                SELECT count(*) FROM points_balance b
                  FULL JOIN (SELECT account_id, sum(amount) AS total FROM points_entry GROUP BY account_id) l
                       ON l.account_id = b.account_id
                 WHERE coalesce(b.balance, 0) <> coalesce(l.total, 0)"""));
    }

    @Test
    void the_grid_leader_praises_a_closed_ticket_once_and_the_handler_earns_the_districts_points_with_it() {
        String member = member(community1());
        long ticket = closedBy(member, "SATISFIED");
        long before = balance(member);

        Response made = comment("leader1", ticket, 5);

        made.then().statusCode(201).body("score", equalTo(5)).body("handlerId", equalTo((int) Api.accountId(member)))
                .header("Location", endsWith("/api/v1/tickets/" + ticket + "/comments/" + made.path("id")));
        assertEquals(before + rule("leaderCommentPraise"), balance(member));
        List<Map<String, Object>> ledger = as(member).get("/api/v1/points/ledger").then().statusCode(200).extract().path("items");
        assertEquals("LEADER_COMMENT", ledger.get(0).get("cause"));
        assertEquals(made.<Integer> path("id"), ledger.get(0).get("commentId"));

        Problems.problem(comment("leader1", ticket, 1), 409, "duplicate");
        assertEquals(before + rule("leaderCommentPraise"), balance(member));
        long id = made.<Number> path("id").longValue();
        as(member).get("/api/v1/tickets/" + ticket + "/comments/" + id).then().statusCode(200).body("text", equalTo("处置及时，群众满意"));
        as("secretary1").get("/api/v1/tickets/" + ticket + "/comments/" + id).then().statusCode(200);
        Problems.problem(as("resident1").get("/api/v1/tickets/" + ticket + "/comments/" + id), 404, "not-found");
        Problems.problem(as("party2").get("/api/v1/tickets/" + ticket + "/comments/" + id), 404, "not-found");
        balancesAreTheirLedgers();
    }

    @Test
    void concurrent_duplicate_comments_make_one_comment_and_move_the_points_once() throws Exception {
        String member = member(community1());
        long ticket = closedBy(member, "SATISFIED");
        long before = balance(member);
        int tries = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(tries);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < tries; i++) {
                Callable<Integer> call = () -> {
                    start.await();
                    return comment("secretary1", ticket, 5).statusCode();
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new HashMap<>();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(), 1, Integer::sum);
            }
            assertEquals(Map.of(201, 1, 409, tries - 1), statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Sql.count(dataSource, "SELECT count(*) FROM leader_comment WHERE ticket_id = ?", ticket));
        assertEquals(1, Sql.count(dataSource, """
                SELECT count(*) FROM points_entry e JOIN leader_comment c ON c.id = e.cause_ref
                 WHERE e.cause = 'LEADER_COMMENT' AND c.ticket_id = ?""", ticket));
        assertEquals(before + rule("leaderCommentPraise"), balance(member));
        balancesAreTheirLedgers();
    }

    @Test
    void a_low_score_takes_the_districts_penalty_but_never_more_than_the_balance() {
        Map<String, Object> current = rules();
        String etag = as("admin").get("/api/v1/points/rules").header("ETag");
        Map<String, Object> changed = new HashMap<>(current);
        changed.remove("version");
        changed.put("leaderCommentPenalty", 1000);
        as("admin").header("If-Match", etag).body(changed).put("/api/v1/points/rules").then().statusCode(200)
                .body("leaderCommentPenalty", equalTo(1000));
        try {
            String member = member(community1());
            long ticket = closedBy(member, "BASICALLY_SATISFIED");
            long earned = balance(member);

            comment("leader1", ticket, 2).then().statusCode(201);
            comment("secretary1", ticket, 1).then().statusCode(201);

            assertEquals(0, balance(member));
            List<Map<String, Object>> ledger = as(member).get("/api/v1/points/ledger").then().statusCode(200).extract().path("items");
            assertEquals(List.of(-(int) earned), ledger.stream().filter(e -> "LEADER_COMMENT".equals(e.get("cause")))
                    .map(e -> e.get("amount")).toList(), "the first takes what there is, the second finds nothing to take");
            comment(account("review.gl.", List.of(Map.of("role", "GRID_LEADER", "regionId", region("GRID", "幸福社区第一网格")))),
                    ticket, 3).then().statusCode(201);
            assertEquals(0, balance(member));
            balancesAreTheirLedgers();
        } finally {
            String now = as("admin").get("/api/v1/points/rules").header("ETag");
            changed.put("leaderCommentPenalty", current.get("leaderCommentPenalty"));
            as("admin").header("If-Match", now).body(changed).put("/api/v1/points/rules").then().statusCode(200);
        }
    }

    @Test
    void only_the_leaders_of_a_closed_tickets_grid_comment_and_not_on_their_own_work() {
        String member = member(community1());
        long open = resolvedBy(member);
        Problems.problem(comment("leader1", open, 4), 409, "invalid-transition");
        as("resident1").body(Map.of("rating", "SATISFIED", "solved", "SOLVED")).post("/api/v1/tickets/" + open + "/feedback")
                .then().statusCode(200);

        Problems.problem(comment("party1", open, 4), 403, "forbidden");
        Problems.problem(comment("admin", open, 4), 403, "forbidden");
        String otherCommunity = account("review.ca.", List.of(Map.of("role", "COMMUNITY_ADMIN", "regionId",
                region("COMMUNITY", "和平社区"))));
        Problems.problem(comment(otherCommunity, open, 4), 404, "not-found");
        Problems.problem(comment("leader1", Long.MAX_VALUE, 4), 404, "not-found");

        String leaderAndMember = account("review.both.", List.of(
                Map.of("role", "GRID_LEADER", "regionId", region("GRID", "幸福社区第一网格")),
                Map.of("role", "PARTY_MEMBER", "regionId", community1())));
        long own = closedBy(leaderAndMember, "SATISFIED");
        Problems.problem(comment(leaderAndMember, own, 5), 403, "forbidden");
        assertEquals(0, Sql.count(dataSource, "SELECT count(*) FROM leader_comment WHERE ticket_id IN (?, ?)", own, open));
    }

    @Test
    void a_comment_needs_a_score_from_one_to_five_and_a_text() {
        long ticket = closedBy(member(community1()), "SATISFIED");
        String path = "/api/v1/tickets/" + ticket + "/comments";

        for (Object score : List.of(0, 6, "5", 4.5)) {
            Problems.problem(as("leader1").body(Map.of("score", score, "text", "好")).post(path), 400, "validation");
        }
        Problems.problem(as("leader1").body(Map.of("score", 3)).post(path), 400, "validation");
        Problems.problem(as("leader1").body(Map.of("score", 3, "text", " ")).post(path), 400, "validation");
        Problems.problem(as("leader1").body(Map.of("score", 3, "text", "长".repeat(1001))).post(path), 400, "validation");
        Problems.problem(as("leader1").body(Map.of("score", 3, "text", "好", "handlerId", 1)).post(path), 400, "validation");
        assertEquals(0, Sql.count(dataSource, "SELECT count(*) FROM leader_comment WHERE ticket_id = ?", ticket));
    }

    @Test
    void the_members_card_shows_how_leaders_and_peers_judged_their_work() {
        String member = member(community1());
        long memberId = Api.accountId(member);
        long registration = as(member).body(Map.of("communityId", community1(), "partyOrganisation", "区评议局党支部"))
                .post("/api/v1/members/" + memberId + "/registrations").then().statusCode(201).extract().<Number> path("id")
                .longValue();
        as("secretary1").body(Map.of("confirmed", true)).post("/api/v1/member-registrations/" + registration + "/decision")
                .then().statusCode(200);
        String card = "/api/v1/members/" + memberId + "/card";
        as("resident1").get(card).then().statusCode(200).body("reviews.comments", equalTo(0))
                .body("reviews.commentAverage", nullValue()).body("reviews.peerReviews", equalTo(0));

        comment("leader1", closedBy(member, "SATISFIED"), 5).then().statusCode(201);
        comment("secretary1", closedBy(member, "SATISFIED"), 2).then().statusCode(201);
        as(member(community1())).body(Map.of("revieweeId", memberId, "score", 3, "text", "认真负责")).post("/api/v1/peer-reviews")
                .then().statusCode(201);

        as("resident1").get(card).then().statusCode(200).body("reviews.accountId", equalTo((int) memberId))
                .body("reviews.comments", equalTo(2)).body("reviews.commentAverage", equalTo(3.5f))
                .body("reviews.peerReviews", equalTo(1)).body("reviews.peerAverage", equalTo(3.0f));
    }

    @Test
    void party_members_of_a_community_review_each_other_once_a_period() {
        String reviewer = member(community1());
        String reviewee = member(community1());
        Api.token(reviewer);
        Api.token(reviewee);
        clock.set(OffsetDateTime.parse("2031-03-10T04:00:00Z"));
        Map<String, Object> body = Map.of("revieweeId", Api.accountId(reviewee), "score", 4, "text", "服务热情");

        Response made = as(reviewer).body(body).post("/api/v1/peer-reviews");
        made.then().statusCode(201).body("periodStart", equalTo("2031-03-01"))
                .header("Location", endsWith("/api/v1/peer-reviews/" + made.path("id")));
        Problems.problem(as(reviewer).body(body).post("/api/v1/peer-reviews"), 409, "duplicate");
        clock.set(OffsetDateTime.parse("2031-03-31T16:00:00Z")); // 1 April 00:00 in Asia/Shanghai
        as(reviewer).body(body).post("/api/v1/peer-reviews").then().statusCode(201).body("periodStart", equalTo("2031-04-01"));
        as(reviewee).body(Map.of("revieweeId", Api.accountId(reviewer), "score", 5, "text", "互相学习"))
                .post("/api/v1/peer-reviews").then().statusCode(201);

        long id = made.<Number> path("id").longValue();
        as(reviewee).get("/api/v1/peer-reviews/" + id).then().statusCode(200).body("score", equalTo(4));
        as("secretary1").get("/api/v1/peer-reviews/" + id).then().statusCode(200);
        Problems.problem(as("party2").get("/api/v1/peer-reviews/" + id), 404, "not-found");
        Problems.problem(as("leader1").get("/api/v1/peer-reviews/" + id), 404, "not-found");
    }

    @Test
    void a_peer_review_is_of_another_party_member_of_the_callers_community() {
        String reviewer = member(community1());
        String path = "/api/v1/peer-reviews";

        Problems.problem(as(reviewer).body(Map.of("revieweeId", Api.accountId(reviewer), "score", 5, "text", "自评"))
                .post(path), 422, "unprocessable");
        Problems.problem(as(reviewer).body(Map.of("revieweeId", Api.accountId("party3"), "score", 5, "text", "外社区"))
                .post(path), 422, "unprocessable");
        Problems.problem(as(reviewer).body(Map.of("revieweeId", Api.accountId("resident1"), "score", 5, "text", "群众"))
                .post(path), 422, "unprocessable");
        Problems.problem(as(reviewer).body(Map.of("revieweeId", Long.MAX_VALUE, "score", 5, "text", "无人")).post(path), 422,
                "unprocessable");
        Problems.problem(as("resident1").body(Map.of("revieweeId", Api.accountId("party1"), "score", 5, "text", "群众"))
                .post(path), 403, "forbidden");
        Problems.problem(as("secretary1").body(Map.of("revieweeId", Api.accountId("party1"), "score", 5, "text", "书记"))
                .post(path), 403, "forbidden");
        Problems.problem(as(reviewer).body(Map.of("revieweeId", Api.accountId("party1"), "score", 9, "text", "好")).post(path),
                400, "validation");
        assertEquals(0, Sql.count(dataSource, "SELECT count(*) FROM peer_review WHERE reviewer_id = ?", Api.accountId(reviewer)));
    }
}
