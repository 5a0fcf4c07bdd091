package io.gridloop.integration;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ApiKeyTest {

    @Test
    void a_new_key_is_shown_once_works_as_an_integration_and_stops_when_revoked() {
        var created = as("admin").body(Map.of("name", unique("12345热线"), "regionId", 1)).post("/api/v1/api-keys")
                .then().statusCode(201).body("key", startsWith("glk_")).extract();
        String key = created.path("key");
        long id = created.<Number> path("id").longValue();

        as("admin").queryParam("limit", 100).get("/api/v1/api-keys").then().statusCode(200)
                .body("items.id", hasItem((int) id))
                .body("items.key", not(hasItem(key)));

        given().header("X-API-Key", key).get("/api/v1/regions").then().statusCode(200);
        given().header("X-API-Key", key).get("/api/v1/api-keys").then().statusCode(403);

        as("admin").delete("/api/v1/api-keys/" + id).then().statusCode(204);
        given().header("X-API-Key", key).get("/api/v1/regions").then().statusCode(401)
                .body("type", equalTo("urn:gridloop:problem:unauthenticated"));
    }

    @Test
    void the_demo_open311_key_signs_in_and_a_wrong_key_does_not() {
        given().header("X-API-Key", "demo-open311-key").get("/api/v1/categories").then().statusCode(200);
        given().header("X-API-Key", "demo-open311-key-wrong").get("/api/v1/categories").then().statusCode(401);
    }
}
