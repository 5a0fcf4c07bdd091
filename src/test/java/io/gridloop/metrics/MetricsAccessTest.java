package io.gridloop.metrics;

import static io.gridloop.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridloop.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Who may read which region's figures (from the bindings, on every request), and what a bad question gets: a 400 naming the field. */
@QuarkusTest
class MetricsAccessTest {

    @Test
    void leaders_read_their_own_regions_and_no_others() {
        long district = region("admin");
        long community1 = region("secretary1");
        long grid1 = region("leader1");
        long grid5 = region("resident3");
        assertEquals(200, summary("admin", grid5, Map.of()).statusCode());
        assertEquals(200, summary("secretary1", community1, Map.of()).statusCode());
        assertEquals(200, summary("secretary1", grid1, Map.of()).statusCode());
        assertEquals(200, summary("leader1", grid1, Map.of()).statusCode());
        Problems.problem(summary("secretary1", district, Map.of()), 404, "not-found");
        Problems.problem(summary("secretary1", grid5, Map.of()), 404, "not-found");
        Problems.problem(summary("leader1", community1, Map.of()), 404, "not-found");
        Problems.problem(summary("admin", 987_654_321L, Map.of()), 404, "not-found");
        Problems.problem(rankings("leader1", community1, "member"), 404, "not-found");
        assertEquals(200, rankings("leader1", grid1, "grid").statusCode());
    }

    @Test
    void residents_and_members_may_not_read_figures() {
        long grid1 = region("leader1");
        for (String who : List.of("resident1", "party1", "gridmember1", "unit1")) {
            Problems.problem(summary(who, grid1, Map.of()), 403, "forbidden");
            Problems.problem(rankings(who, grid1, "member"), 403, "forbidden");
        }
    }

    @Test
    void a_bad_question_is_a_400_naming_the_field() {
        long community1 = region("secretary1");
        refused(summary("admin", community1, Map.of("from", "2027-02-30")), "from");
        refused(summary("admin", community1, Map.of("from", "yesterday")), "from");
        refused(summary("admin", community1, Map.of("from", "2027-05-01", "to", "2027-04-30")), "to");
        refused(summary("admin", community1, Map.of("from", "2000-01-01", "to", "2027-04-30")), "to");
        refused(summary("admin", community1, Map.of("groupBy", "parent")), "groupBy");
        refused(summary("admin", community1, Map.of("interval", "year")), "interval");
        refused(summary("admin", community1, Map.of("groupBy", "child", "interval", "day")), "interval");
        refused(summary("admin", community1, Map.of("from", "2020-01-01", "interval", "day")), "interval");
        refused(summary("leader1", region("leader1"), Map.of("groupBy", "child")), "groupBy");
        refused(rankings("admin", community1, "street"), "by");
        refused(as("admin").queryParam("from", "2027-04-01").queryParam("to", "2027-04-30")
                .get("/api/v1/metrics/summary"), "regionId");
    }

    @Test
    void an_empty_period_answers_zeros_and_null_rates() {
        Response response = summary("admin", region("admin"), Map.of("from", "2035-01-01", "to", "2035-01-31"));
        assertEquals(200, response.statusCode());
        assertEquals(0, response.jsonPath().getInt("figures.filed"));
        assertNull(response.jsonPath().get("figures.responseRate.value"));
        assertEquals(0, response.jsonPath().getInt("figures.responseRate.denominator"));
    }

    private static void refused(Response response, String field) {
        List<String> fields = Problems.problem(response, 400, "validation").getList("violations.field", String.class);
        assertEquals(1, fields.size(), response.asString());
        assertTrue(fields.get(0).endsWith(field), response.asString());
    }

    private static Response summary(String who, long regionId, Map<String, String> overrides) {
        Map<String, String> query = new LinkedHashMap<>(Map.of("from", "2027-04-01", "to", "2027-04-30"));
        query.putAll(overrides);
        return as(who).queryParam("regionId", regionId).queryParams(query).get("/api/v1/metrics/summary");
    }

    private static Response rankings(String who, long regionId, String by) {
        return as(who).queryParam("regionId", regionId).queryParam("from", "2027-04-01").queryParam("to", "2027-04-30")
                .queryParam("by", by).get("/api/v1/metrics/rankings");
    }

    private static long region(String username) {
        return as(username).get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id").longValue();
    }
}
