package io.gridloop.review;

import static io.gridloop.review.ReviewTest.closedBy;
import static io.gridloop.review.ReviewTest.comment;
import static io.gridloop.review.ReviewTest.community1;
import static io.gridloop.review.ReviewTest.member;
import static io.gridloop.review.ReviewTest.region;
import static io.gridloop.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gridloop.support.Api;
import io.gridloop.support.Problems;
import io.gridloop.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * 红黑榜 with stars: the board is the metrics board of the same region and period (its figures, order
 * and minimum), with the comments and peer reviews of that period and each member's stars.
 */
@QuarkusTest
class BoardTest {

    /** A month no other test works in, so the board holds exactly what this test does. */
    private static final String FROM = "2033-05-01";
    private static final String TO = "2033-05-31";
    private static final List<String> METRICS_FIELDS = List.of("rank", "id", "name", "resolved", "onTimeRate",
            "satisfactionRate");

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static JsonPath get(String username, String path, long regionId, String by) {
        RequestSpecification request = as(username).queryParam("regionId", regionId).queryParam("from", FROM).queryParam("to", TO);
        if (by != null) {
            request.queryParam("by", by);
        }
        return request.get(path).then().statusCode(200).extract().jsonPath();
    }

    /** Each list of the board carries the metrics board's entries, figure for figure, in its order. */
    private static void sameFigures(JsonPath metrics, JsonPath board) {
        for (String list : List.of("top", "bottom", "belowMinimum")) {
            List<Map<String, Object>> expected = metrics.getList(list);
            List<Map<String, Object>> actual = board.getList(list);
            assertEquals(expected.size(), actual.size(), list);
            for (int i = 0; i < expected.size(); i++) {
                for (String field : METRICS_FIELDS) {
                    assertEquals(expected.get(i).get(field), actual.get(i).get(field), list + "[" + i + "]." + field);
                }
                Map<?, ?> time = (Map<?, ?>) expected.get(i).get("resolutionTime");
                assertEquals(time.get("averageHours"), actual.get(i).get("averageResolutionHours"), list + "[" + i + "]");
            }
        }
        assertEquals(metrics.getInt("ranked"), board.getInt("ranked"));
        assertEquals(metrics.getInt("minimum"), board.getInt("minimum"));
    }

    private static Map<String, Object> entry(JsonPath board, long id) {
        for (String list : List.of("top", "belowMinimum")) {
            List<Map<String, Object>> entries = board.getList(list);
            for (Map<String, Object> e : entries) {
                if (((Number) e.get("id")).longValue() == id) {
                    return e;
                }
            }
        }
        throw new AssertionError(id + " is not on the board");
    }

    @Test
    void the_board_holds_the_metrics_figures_with_the_periods_reviews_and_each_members_stars() {
        long community = community1();
        String steady = member(community);
        String newcomer = member(community);
        Api.token(steady);
        Api.token(newcomer);
        clock.set(OffsetDateTime.parse("2033-05-10T02:00:00Z"));
        long first = closedBy(steady, "SATISFIED");
        long second = closedBy(steady, "SATISFIED");
        closedBy(steady, "SATISFIED");
        long once = closedBy(newcomer, "SATISFIED");
        comment("leader1", first, 5).then().statusCode(201);
        comment("secretary1", second, 4).then().statusCode(201);
        comment("leader1", once, 3).then().statusCode(201);
        as(newcomer).body(Map.of("revieweeId", Api.accountId(steady), "score", 5, "text", "榜样")).post("/api/v1/peer-reviews")
                .then().statusCode(201);

        JsonPath members = get("secretary1", "/api/v1/boards/members", community, null);
        sameFigures(get("secretary1", "/api/v1/metrics/rankings", community, "member"), members);
        Map<String, Object> s = entry(members, Api.accountId(steady));
        assertEquals(List.of(3, 2, 4.5f, 1, 5.0f, 3), List.of(s.get("resolved"), s.get("comments"), s.get("commentAverage"),
                s.get("peerReviews"), s.get("peerAverage"), s.get("stars")), "3 resolved on time, rated well: 3 stars; 4 need 5");
        Map<String, Object> n = entry(members, Api.accountId(newcomer));
        assertNull(n.get("rank"), "below the minimum");
        assertEquals(List.of(1, 1, 3.0f, 0, 2), List.of(n.get("resolved"), n.get("comments"), n.get("commentAverage"),
                n.get("peerReviews"), n.get("stars")));
        assertNull(n.get("peerAverage"));

        long grid1 = region("GRID", "幸福社区第一网格");
        JsonPath grids = get("secretary1", "/api/v1/boards/grids", community, null);
        sameFigures(get("secretary1", "/api/v1/metrics/rankings", community, "grid"), grids);
        Map<String, Object> g = entry(grids, grid1);
        assertEquals(List.of(3, 4.0f), List.of(g.get("comments"), g.get("commentAverage")));
        assertNull(g.get("stars"));
        assertNull(g.get("peerReviews"));
        sameFigures(get("leader1", "/api/v1/metrics/rankings", grid1, "member"), get("leader1", "/api/v1/boards/members", grid1, null));
    }

    @Test
    void the_board_has_the_callers_and_scope_of_the_metrics_board() {
        long community = community1();
        long other = region("COMMUNITY", "和平社区");
        for (String path : List.of("/api/v1/boards/members", "/api/v1/boards/grids")) {
            Problems.problem(as("party1").queryParam("regionId", community).queryParam("from", FROM).queryParam("to", TO)
                    .get(path), 403, "forbidden");
            Problems.problem(as("resident1").queryParam("regionId", community).queryParam("from", FROM).queryParam("to", TO)
                    .get(path), 403, "forbidden");
            Problems.problem(as("secretary1").queryParam("regionId", other).queryParam("from", FROM).queryParam("to", TO)
                    .get(path), 404, "not-found");
            Problems.problem(as("leader1").queryParam("regionId", community).queryParam("from", FROM).queryParam("to", TO)
                    .get(path), 404, "not-found");
            as("admin").queryParam("regionId", other).queryParam("from", FROM).queryParam("to", TO).get(path).then().statusCode(200);
            Problems.problem(as("secretary1").queryParam("regionId", community).queryParam("from", TO).queryParam("to", FROM)
                    .get(path), 400, "validation");
            Problems.problem(as("secretary1").queryParam("regionId", community).queryParam("from", "2033-02-30")
                    .queryParam("to", TO).get(path), 400, "validation");
            Problems.problem(as("secretary1").queryParam("from", FROM).queryParam("to", TO).get(path), 400, "validation");
        }
    }
}
