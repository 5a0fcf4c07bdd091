package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gridloop.support.Api;
import io.restassured.response.Response;

/** The tickets, regions and accounts the ticket tests build on, all through the API. */
final class TicketFixtures {

    /** Inside grid 2's boundary (seeds: lng 120.1050–120.1120, lat 30.2000–30.2050), away from its edges. */
    static final double GRID2_LAT = 30.2025;
    static final double GRID2_LNG = 120.1085;

    private TicketFixtures() {
    }

    /** The first region the account acts in, as GET /api/v1/me lists it. */
    static long regionOf(String username) {
        return as(username).get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id").longValue();
    }

    static long community1() {
        return regionOf("secretary1");
    }

    static long grid1() {
        return regionOf("leader1");
    }

    static long grid5() {
        return regionOf("resident3");
    }

    static long grid2() {
        return as("resident1").queryParam("lat", GRID2_LAT).queryParam("lng", GRID2_LNG).get("/api/v1/grids/locate")
                .then().statusCode(200).extract().<Number> path("id").longValue();
    }

    static long parentOf(long regionId) {
        return as("admin").get("/api/v1/regions/" + regionId).then().statusCode(200)
                .extract().<Number> path("parentId").longValue();
    }

    /** A new account with one role, created by the district admin; returns its username (password "gridloop"). */
    static String account(String prefix, String role, Long regionId) {
        String username = unique(prefix + ".");
        Map<String, Object> binding = new HashMap<>();
        binding.put("role", role);
        if (regionId != null) {
            binding.put("regionId", regionId);
        }
        as("admin").body(Map.of("username", username, "password", Api.PASSWORD, "name", "测试" + role,
                "roles", List.of(binding), "mustChangePassword", false)).post("/api/v1/accounts").then().statusCode(201);
        return username;
    }

    /** A valid filing body; change any field before sending. */
    static Map<String, Object> ticket(String categoryCode, String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("categoryCode", categoryCode);
        body.put("title", title);
        body.put("description", "楼道里堆放的杂物三天没人清理，影响通行。");
        return body;
    }

    static Map<String, Object> location(double lat, double lng) {
        return new LinkedHashMap<>(Map.of("lat", lat, "lng", lng, "address", "测试地址"));
    }

    static Response post(String username, Map<String, Object> body) {
        return as(username).body(body).post("/api/v1/tickets");
    }

    static long file(String username, Map<String, Object> body) {
        return post(username, body).then().statusCode(201).extract().<Number> path("id").longValue();
    }

    /** A ticket of grid 1 that leader1 dispatched to the claim pool. */
    static long pooled(String categoryCode, String title) {
        long id = file("resident1", ticket(categoryCode, title));
        action("leader1", id, "dispatch", Map.of("target", "POOL")).then().statusCode(200);
        return id;
    }

    static Response action(String username, long id, String action, Map<String, Object> body) {
        return as(username).body(body).post("/api/v1/tickets/" + id + "/" + action);
    }

    /** Every page of GET /api/v1/tickets with these filters, following nextCursor. */
    static List<Long> walk(String username, Map<String, Object> filters, int limit) {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(username).queryParams(filters).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/tickets").then().statusCode(200).extract().jsonPath();
            List<Number> items = page.getList("items.id");
            if (items.size() > limit) {
                throw new AssertionError("a page longer than its limit: " + items);
            }
            items.forEach(id -> ids.add(id.longValue()));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }
}
