package io.gridloop.hotline;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class HotlineIntakeTest {

    private static long regionOf(String username) {
        return as(username).get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id").longValue();
    }

    private static String newKey(long regionId) {
        return as("admin").body(Map.of("name", unique("12345热线-"), "regionId", regionId)).post("/api/v1/api-keys").then()
                .statusCode(201).extract().path("key");
    }

    private static RequestSpecification key(String key) {
        return given().header("X-API-Key", key).contentType("application/json");
    }

    private static Map<String, Object> call(String externalId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", "12345");
        body.put("externalId", externalId);
        body.put("categoryCode", "GARBAGE");
        body.put("title", "热线：小区垃圾未清运");
        body.put("description", "来电反映3号楼垃圾两天未清运。");
        body.put("gridId", regionOf("leader1"));
        body.put("caller", Map.of("name", "王先生", "phone", "13812345678"));
        return body;
    }

    @Test
    void the_same_call_again_answers_the_first_ticket_and_another_call_under_its_id_is_refused_naming_it() {
        String apiKey = newKey(regionOf("admin"));
        String externalId = unique("GD");
        Map<String, Object> body = call(externalId);

        Response first = key(apiKey).body(body).post("/api/v1/integrations/tickets");
        first.then().statusCode(201).body("source", equalTo("HOTLINE")).body("status", equalTo("SUBMITTED"))
                .body("external.source", equalTo("12345")).body("external.externalId", equalTo(externalId))
                .body("reporter.name", equalTo("王先生")).body("reporter.phone", equalTo("138****5678"))
                .body("reporter.accountId", nullValue());
        long id = first.<Number> path("id").longValue();
        first.then().header("Location", endsWith("/api/v1/tickets/" + id));

        key(apiKey).body(body).post("/api/v1/integrations/tickets").then().statusCode(200).body("id", equalTo((int) id))
                .header("Location", endsWith("/api/v1/tickets/" + id));

        Map<String, Object> other = new LinkedHashMap<>(body);
        other.put("title", "热线：另一件事");
        key(apiKey).body(other).post("/api/v1/integrations/tickets").then().statusCode(409)
                .body("type", equalTo("urn:gridloop:problem:duplicate")).body("detail", containsString(Long.toString(id)))
                .header("Location", endsWith("/api/v1/tickets/" + id));

        key(apiKey).get("/api/v1/integrations/tickets/12345/" + externalId).then().statusCode(200).body("id", equalTo((int) id))
                .body("reporter.phone", equalTo("138****5678"));
        key(apiKey).get("/api/v1/integrations/tickets/12345/" + unique("GD")).then().statusCode(404);
        key(apiKey).get("/api/v1/integrations/tickets/12346/" + externalId).then().statusCode(404);
        as("leader1").get("/api/v1/tickets/" + id).then().statusCode(200).body("external.externalId", equalTo(externalId));
    }

    @Test
    void a_key_reads_and_files_only_in_its_own_jurisdiction() {
        String mine = newKey(regionOf("secretary1"));
        String outside = newKey(regionOf("resident3"));
        String externalId = unique("GD");
        key(mine).body(call(externalId)).post("/api/v1/integrations/tickets").then().statusCode(201);

        key(outside).get("/api/v1/integrations/tickets/12345/" + externalId).then().statusCode(404);
        key(outside).body(call(unique("GD"))).post("/api/v1/integrations/tickets").then().statusCode(422);
        as("admin").get("/api/v1/integrations/tickets/12345/" + externalId).then().statusCode(403);
    }

    @Test
    void concurrent_identical_calls_file_one_ticket() throws Exception {
        String apiKey = newKey(regionOf("admin"));
        Map<String, Object> body = call(unique("GD"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> key(apiKey).body(body).post("/api/v1/integrations/tickets"));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
            assertEquals(1, answers.stream().filter(a -> a.statusCode() == 201).count(), "one call files");
            assertEquals(Set.of(201, 200), answers.stream().map(Response::statusCode).collect(Collectors.toSet()));
            assertEquals(1, answers.stream().map(a -> a.<Number> path("id").longValue()).distinct().count(), "one ticket");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_call_without_a_grid_goes_to_the_grid_holding_its_location() {
        String apiKey = newKey(regionOf("admin"));
        Map<String, Object> body = call(unique("GD"));
        body.remove("gridId");
        body.put("location", Map.of("lat", 30.2025, "lng", 120.1085, "address", "测试地址"));
        long grid2 = as("resident1").queryParam("lat", 30.2025).queryParam("lng", 120.1085).get("/api/v1/grids/locate").then()
                .statusCode(200).extract().<Number> path("id").longValue();
        key(apiKey).body(body).post("/api/v1/integrations/tickets").then().statusCode(201).body("gridId", equalTo((int) grid2));
        body.remove("location");
        body.put("externalId", unique("GD"));
        key(apiKey).header("Accept-Language", "en").body(body).post("/api/v1/integrations/tickets").then().statusCode(422)
                .body("detail", equalTo("Give lat and long: the grid cannot be told from an address alone."));
        String gridKey = newKey(regionOf("leader1"));
        key(gridKey).body(body).post("/api/v1/integrations/tickets").then().statusCode(201)
                .body("gridId", equalTo((int) regionOf("leader1")));
    }

    @Test
    void a_grid_or_a_location_outside_the_keys_jurisdiction_is_refused() {
        String gridKey = newKey(regionOf("resident3"));
        Map<String, Object> body = call(unique("GD"));
        key(gridKey).header("Accept-Language", "en").body(body).post("/api/v1/integrations/tickets").then().statusCode(422)
                .body("detail", equalTo("The grid named, or holding the location, is not in the API key's jurisdiction."));
        body.remove("gridId");
        body.put("location", Map.of("lat", 30.2025, "lng", 120.1085));
        key(gridKey).header("Accept-Language", "en").body(body).post("/api/v1/integrations/tickets").then().statusCode(422)
                .body("detail", equalTo("The grid named, or holding the location, is not in the API key's jurisdiction."));
    }
}
