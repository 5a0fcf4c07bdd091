package io.gridloop.account;

import static io.gridloop.support.Api.anonymous;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AccountUpdateTest {

    private static long gridOf(String user) {
        return as(user).get("/api/v1/me").then().extract().<Number> path("regions[0].id").longValue();
    }

    private static long newResident(String username) {
        return as("admin").body(Map.of("username", username, "password", "long-enough-1", "name", "居民",
                "roles", List.of(Map.of("role", "RESIDENT", "regionId", gridOf("leader1"))), "mustChangePassword", false))
                .post("/api/v1/accounts").then().statusCode(201).extract().<Number> path("id").longValue();
    }

    @Test
    void roles_change_with_the_current_etag_and_take_effect_on_the_next_request() {
        String username = unique("r");
        long id = newResident(username);
        String etag = as("admin").get("/api/v1/accounts/" + id).then().statusCode(200).extract().header("ETag");
        Map<String, Object> toGridMember = Map.of("name", "网格员", "enabled", true,
                "roles", List.of(Map.of("role", "GRID_MEMBER", "regionId", gridOf("leader1"))));

        as("admin").body(toGridMember).put("/api/v1/accounts/" + id).then().statusCode(428);
        as("admin").header("If-Match", "\"999\"").body(toGridMember).put("/api/v1/accounts/" + id).then().statusCode(412);
        String newEtag = as("admin").header("If-Match", etag).body(toGridMember).put("/api/v1/accounts/" + id)
                .then().statusCode(200)
                .body("roles[0].role", equalTo("GRID_MEMBER"))
                .header("ETag", not(equalTo(etag)))
                .extract().header("ETag");
        as("admin").header("If-Match", etag).body(toGridMember).put("/api/v1/accounts/" + id).then().statusCode(412);
        as("admin").get("/api/v1/accounts/" + id).then().header("ETag", equalTo(newEtag));
    }

    @Test
    void a_disabled_account_can_neither_sign_in_nor_use_its_token() {
        String username = unique("d");
        long id = newResident(username);
        String token = anonymous().body(Map.of("username", username, "password", "long-enough-1"))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
        String etag = as("admin").get("/api/v1/accounts/" + id).then().extract().header("ETag");
        as("admin").header("If-Match", etag).body(Map.of("name", "居民", "enabled", false,
                "roles", List.of(Map.of("role", "RESIDENT")))).put("/api/v1/accounts/" + id).then().statusCode(200);

        anonymous().header("X-Forwarded-For", "10.77.0.1").body(Map.of("username", username, "password", "long-enough-1"))
                .post("/api/v1/auth/login").then().statusCode(401);
        anonymous().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(401);
    }
}
