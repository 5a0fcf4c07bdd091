package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.gridloop.ticket.TicketFixtures.action;
import static io.gridloop.ticket.TicketFixtures.file;
import static io.gridloop.ticket.TicketFixtures.location;
import static io.gridloop.ticket.TicketFixtures.ticket;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.support.Plans;
import io.gridloop.support.Problems;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** "Already reported nearby" (SPEC §2a): open tickets the caller may see within the radius, nearest first. */
@QuarkusTest
class TicketNearbyTest {

    /** A spot no other test files at; 0.001° of longitude is about 96 m at this latitude. */
    private static final double LAT = 30.3000;
    private static final double LNG = 120.3000;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    private static long filedAt(String categoryCode, double lat, double lng) {
        Map<String, Object> body = ticket(categoryCode, unique("附近-"));
        body.put("location", location(lat, lng));
        return file("resident1", body);
    }

    private static JsonPath nearby(String username, Map<String, Object> query) {
        return as(username).queryParams(query).get("/api/v1/tickets/nearby").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void open_tickets_within_the_radius_come_nearest_first_with_their_distance() {
        long here = filedAt("STREETLIGHT", LAT, LNG);
        long east = filedAt("GARBAGE", LAT, LNG + 0.001);
        long far = filedAt("STREETLIGHT", LAT, LNG + 0.005);
        long cancelled = filedAt("STREETLIGHT", LAT, LNG + 0.0005);
        action("resident1", cancelled, "cancel", Map.of()).then().statusCode(200);

        JsonPath near = nearby("resident1", Map.of("lat", LAT, "lng", LNG));
        assertEquals(List.of(here, east), near.<Number> getList("items.ticket.id").stream().map(Number::longValue).toList());
        assertThat(near.getDouble("items[0].distance"), closeTo(0, 0.1));
        assertThat(near.getDouble("items[1].distance"), closeTo(96.2, 1.0));
        assertEquals("SUBMITTED", near.getString("items[0].ticket.status"));

        assertEquals(List.of(east), ids(nearby("resident1", Map.of("lat", LAT, "lng", LNG, "categoryCode", "GARBAGE"))));
        assertEquals(List.of(here, east, far), ids(nearby("resident1", Map.of("lat", LAT, "lng", LNG, "radius", 1000))));
        assertEquals(List.of(here), ids(nearby("resident1", Map.of("lat", LAT, "lng", LNG, "limit", 1))));
        assertEquals(List.of(), ids(nearby("resident2", Map.of("lat", LAT, "lng", LNG, "radius", 1000))),
                "another resident's reports stay out of sight");
        assertThat(ids(nearby("admin", Map.of("lat", LAT, "lng", LNG))), hasItem(here));
    }

    @Test
    void a_point_out_of_range_a_radius_out_of_bounds_or_a_missing_coordinate_is_refused() {
        for (Map<String, Object> query : List.<Map<String, Object>> of(Map.of("lng", LNG), Map.of("lat", 91, "lng", LNG),
                Map.of("lat", LAT, "lng", 181), Map.of("lat", LAT, "lng", LNG, "radius", 0),
                Map.of("lat", LAT, "lng", LNG, "radius", 2001), Map.of("lat", LAT, "lng", LNG, "categoryCode", "x;y"),
                Map.of("lat", LAT, "lng", LNG, "limit", 101))) {
            Problems.problem(as("resident1").queryParams(query).get("/api/v1/tickets/nearby"), 400, "validation");
        }
    }

    /** The box goes through the open tickets' location index: the nearby statement on 20 000 located tickets, rolled back. */
    @Test
    void the_nearby_query_uses_the_location_index_on_a_large_table() throws Exception {
        QuarkusTransaction.begin();
        try {
            entityManager.createNativeQuery("""
                    INSERT INTO ticket (id, district_id, number, kind, category_id, title, grid_id, grid_path, lat, lng,
                                        reporter_name, source, priority, status)
                    SELECT -g, r.district_id, 'NEAR-' || g, 'ISSUE', c.id, '批量', r.id, r.path,
                           30 + (g % 200) * 0.001, 120 + (g / 200) * 0.001, '批量', 'WALK_IN', 'NORMAL', 'SUBMITTED'
                      FROM generate_series(1, 20000) g
                      JOIN region r ON r.type = 'GRID'
                      JOIN category c ON c.code = 'GARBAGE' AND c.district_id = r.district_id
                     WHERE r.id = (SELECT min(id) FROM region WHERE type = 'GRID')""").executeUpdate();
            entityManager.createNativeQuery("ANALYZE ticket").executeUpdate();
            long district = ((Number) entityManager.createNativeQuery("SELECT min(id) FROM region WHERE type = 'DISTRICT'")
                    .getSingleResult()).longValue();
            TicketQueries.Statement nearby = TicketQueries.nearbyStatement(district, TicketScope.visibleTo(1, List.of(
                    new io.gridloop.shared.security.Binding(io.gridloop.shared.security.Role.DISTRICT_ADMIN, district,
                            "/" + district + "/", null))), 30.1, 120.05, null, 200, 20);
            JsonNode plan = json.readTree((String) nearby.where()
                    .bind(entityManager.createNativeQuery("EXPLAIN (FORMAT JSON) " + nearby.sql())).getSingleResult());
            assertThat(plan.toPrettyString(), Plans.scans(plan), hasItem(org.hamcrest.Matchers.containsString("ticket_open_location_idx")));
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private static List<Long> ids(JsonPath page) {
        return page.<Number> getList("items.ticket.id").stream().map(Number::longValue).toList();
    }
}
