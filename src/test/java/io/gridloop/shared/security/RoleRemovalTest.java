package io.gridloop.shared.security;

import static io.gridloop.support.Api.anonymous;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * What a caller may do is read from role_binding on every request (SPEC §2), never from the token:
 * an old token keeps its roles in its claims, and they count for nothing once the binding is gone.
 */
@QuarkusTest
class RoleRemovalTest {

    private static final String PASSWORD = "long-enough-1";

    @Inject
    AgroalDataSource dataSource;

    private static long regionOf(String user) {
        return as(user).get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id").longValue();
    }

    private static long create(String username, String role, Long regionId) {
        Map<String, Object> binding = regionId == null ? Map.of("role", role) : Map.of("role", role, "regionId", regionId);
        return as("admin").body(Map.of("username", username, "password", PASSWORD, "name", "测试",
                "roles", List.of(binding), "mustChangePassword", false)).post("/api/v1/accounts").then().statusCode(201)
                .extract().<Number> path("id").longValue();
    }

    private static String signIn(String username) {
        return anonymous().body(Map.of("username", username, "password", PASSWORD)).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("accessToken");
    }

    private static void rebind(long id, Map<String, Object> binding) {
        String etag = as("admin").get("/api/v1/accounts/" + id).then().statusCode(200).extract().header("ETag");
        as("admin").header("If-Match", etag).body(Map.of("name", "测试", "enabled", true, "roles", List.of(binding)))
                .put("/api/v1/accounts/" + id).then().statusCode(200);
    }

    private static RequestSpecification bearer(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    private long rows(String table) {
        return Sql.count(dataSource, "SELECT count(*) FROM " + table);
    }

    @Test
    void a_demoted_district_admin_s_old_token_can_do_nothing_an_admin_does() {
        long district = regionOf("admin");
        String username = unique("exadmin");
        long id = create(username, "DISTRICT_ADMIN", district);
        String token = signIn(username);
        bearer(token).get("/api/v1/api-keys").then().statusCode(200);

        rebind(id, Map.of("role", "RESIDENT"));

        long accounts = rows("account");
        long bindings = rows("role_binding");
        long keys = rows("api_key");
        long categories = rows("category");
        long regions = rows("region");
        List<Function<RequestSpecification, Response>> adminCalls = List.of(
                r -> r.body(Map.of("username", unique("crony"), "password", PASSWORD, "name", "同伙",
                        "roles", List.of(Map.of("role", "DISTRICT_ADMIN", "regionId", district)))).post("/api/v1/accounts"),
                r -> r.header("If-Match", as("admin").get("/api/v1/accounts/" + id).then().extract().header("ETag"))
                        .body(Map.of("name", "测试", "enabled", true,
                                "roles", List.of(Map.of("role", "DISTRICT_ADMIN", "regionId", district))))
                        .put("/api/v1/accounts/" + id),
                r -> r.body(Map.of("name", unique("key"), "regionId", district)).post("/api/v1/api-keys"),
                r -> r.get("/api/v1/api-keys"),
                r -> r.get("/api/v1/accounts"),
                r -> r.body(Map.of("parentId", district, "type", "STREET", "name", unique("街道"))).post("/api/v1/regions"),
                r -> r.body(Map.of("name", unique("单位"))).post("/api/v1/units"),
                r -> r.body(Map.of("code", unique("X").toUpperCase(), "nameZh", "测试", "nameEn", "Test", "group", "测试",
                        "defaultMatterClass", "MINOR", "responseLimit", Map.of("value", 2, "unit", "HOURS"),
                        "resolutionLimit", Map.of("value", 3, "unit", "WORKING_DAYS"), "verificationRequired", false))
                        .post("/api/v1/categories"));
        for (Function<RequestSpecification, Response> call : adminCalls) {
            Problems.problem(call.apply(bearer(token)), 403, "forbidden");
        }

        assertEquals(accounts, rows("account"));
        assertEquals(bindings, rows("role_binding"));
        assertEquals(keys, rows("api_key"));
        assertEquals(categories, rows("category"));
        assertEquals(regions, rows("region"));
        as("admin").get("/api/v1/accounts/" + id).then().body("roles.role", equalTo(List.of("RESIDENT")));
        bearer(token).get("/api/v1/me").then().statusCode(200).body("roles", equalTo(List.of("RESIDENT")));
    }

    @Test
    void a_demoted_grid_member_s_old_token_is_refused_filing_not_failed() {
        String username = unique("exmember");
        long id = create(username, "GRID_MEMBER", regionOf("leader1"));
        String token = signIn(username);
        rebind(id, Map.of("role", "PARTY_MEMBER", "regionId", regionOf("party1")));
        long tickets = rows("ticket");

        Problems.problem(bearer(token).body(Map.of("categoryCode", "GARBAGE", "title", "巡查发现", "description",
                "垃圾堆放", "source", "PATROL")).post("/api/v1/tickets"), 403, "forbidden");

        assertEquals(tickets, rows("ticket"));
    }

    @Test
    void a_granted_role_works_on_the_next_request_with_the_old_token() {
        String username = unique("promoted");
        long id = create(username, "RESIDENT", null);
        String token = signIn(username);
        Problems.problem(bearer(token).get("/api/v1/api-keys"), 403, "forbidden");

        rebind(id, Map.of("role", "DISTRICT_ADMIN", "regionId", regionOf("admin")));

        bearer(token).get("/api/v1/api-keys").then().statusCode(200);
    }

    @Test
    void an_api_key_is_refused_where_only_accounts_may_call() {
        for (String path : List.of("/api/v1/me", "/api/v1/me/notifications", "/api/v1/tickets/pool", "/api/v1/accounts")) {
            Problems.problem(given().header("X-API-Key", "demo-open311-key").get(path), 403, "forbidden");
        }
        Problems.problem(given().header("X-API-Key", "demo-open311-key").contentType(ContentType.JSON).body("{}")
                .post("/api/v1/tickets/1/claim"), 403, "forbidden");
        given().header("X-API-Key", "demo-open311-key").get("/api/v1/tickets").then().statusCode(200);
        given().header("X-API-Key", "demo-open311-key").get("/api/v1/categories").then().statusCode(200);
    }
}
