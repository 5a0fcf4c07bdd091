package io.gridloop.region;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegionTest {

    private static final List<List<Double>> SQUARE = List.of(List.of(121.0, 31.0), List.of(121.01, 31.0),
            List.of(121.01, 31.01), List.of(121.0, 31.01), List.of(121.0, 31.0));

    private long create(Map<String, Object> body) {
        return as("admin").body(body).post("/api/v1/regions")
                .then().statusCode(201).header("Location", notNullValue())
                .extract().<Number> path("id").longValue();
    }

    private static Map<String, Object> region(Object parentId, String type, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("parentId", parentId);
        body.put("type", type);
        body.put("name", name);
        return body;
    }

    @Test
    void district_admin_builds_a_street_community_and_grid_that_locate_finds() {
        long district = as("admin").get("/api/v1/me").then().extract().<Number> path("account.districtId").longValue();
        long street = create(region(district, "STREET", unique("街道")));
        long community = create(region(street, "COMMUNITY", unique("社区")));
        Map<String, Object> grid = region(community, "GRID", unique("网格"));
        grid.put("sizeClass", "SMALL");
        grid.put("boundary", Map.of("type", "Polygon", "coordinates", List.of(SQUARE)));
        long gridId = create(grid);

        as("resident1").queryParam("lat", 31.005).queryParam("lng", 121.005).get("/api/v1/grids/locate")
                .then().statusCode(200).body("id", equalTo((int) gridId)).body("sizeClass", equalTo("SMALL"));
        as("admin").queryParam("parentId", community).get("/api/v1/regions")
                .then().statusCode(200).body("items.id", hasItem((int) gridId));
    }

    @Test
    void a_point_outside_every_grid_is_not_found() {
        as("resident1").queryParam("lat", -45).queryParam("lng", -100).get("/api/v1/grids/locate")
                .then().statusCode(404).body("type", equalTo("urn:gridloop:problem:not-found"));
    }

    @Test
    void the_tree_refuses_a_level_out_of_order() {
        long district = as("admin").get("/api/v1/me").then().extract().<Number> path("account.districtId").longValue();
        as("admin").body(region(district, "GRID", unique("网格"))).post("/api/v1/regions")
                .then().statusCode(400).body("violations[0].field", equalTo("type"));
    }

    @Test
    void a_boundary_must_be_one_closed_ring() {
        long district = as("admin").get("/api/v1/me").then().extract().<Number> path("account.districtId").longValue();
        long street = create(region(district, "STREET", unique("街道")));
        long community = create(region(street, "COMMUNITY", unique("社区")));
        Map<String, Object> grid = region(community, "GRID", unique("网格"));
        grid.put("sizeClass", "LARGE");
        grid.put("boundary", Map.of("type", "Polygon", "coordinates", List.of(SQUARE.subList(0, 4))));
        as("admin").body(grid).post("/api/v1/regions")
                .then().statusCode(400).body("violations[0].field", equalTo("boundary"));
    }
}
