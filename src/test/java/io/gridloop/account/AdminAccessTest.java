package io.gridloop.account;

import static io.gridloop.support.Api.accountId;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Who may use the administration API, and what each caller may see of it. */
@QuarkusTest
class AdminAccessTest {

    /** Every demo account that is not the district admin. */
    private static final List<String> NOT_ADMINS = List.of("secretary1", "leader1", "gridmember1", "party1", "unit1",
            "resident1");

    private record Endpoint(String name, Function<RequestSpecification, Response> call) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Endpoint> adminEndpoints() {
        return List.of(
                new Endpoint("POST /accounts", r -> r.body(Map.of("username", unique("u"), "password", "long-enough-1",
                        "name", "测试", "roles", List.of(Map.of("role", "RESIDENT")))).post("/api/v1/accounts")),
                new Endpoint("PUT /accounts/{id}", r -> r.header("If-Match", "\"0\"").body(Map.of("name", "x",
                        "enabled", true, "roles", List.of(Map.of("role", "RESIDENT")))).put("/api/v1/accounts/999999")),
                new Endpoint("POST /regions", r -> r.body(Map.of("parentId", 1, "type", "STREET", "name", unique("街道")))
                        .post("/api/v1/regions")),
                new Endpoint("PUT /regions/{id}", r -> r.header("If-Match", "\"0\"").body(Map.of("name", "x"))
                        .put("/api/v1/regions/999999")),
                new Endpoint("POST /units", r -> r.body(Map.of("name", unique("单位"))).post("/api/v1/units")),
                new Endpoint("POST /categories", r -> r.body(category(unique("C").toUpperCase()))
                        .post("/api/v1/categories")),
                new Endpoint("PUT /categories/{code}", r -> r.header("If-Match", "\"0\"").body(category("NO_SUCH_CODE"))
                        .put("/api/v1/categories/NO_SUCH_CODE")),
                new Endpoint("GET /api-keys", r -> r.get("/api/v1/api-keys")),
                new Endpoint("POST /api-keys", r -> r.body(Map.of("name", unique("key"), "regionId", 1))
                        .post("/api/v1/api-keys")),
                new Endpoint("DELETE /api-keys/{id}", r -> r.delete("/api/v1/api-keys/999999")));
    }

    static Stream<Arguments> notAdminTimesEndpoint() {
        return NOT_ADMINS.stream().flatMap(user -> adminEndpoints().stream().map(endpoint -> Arguments.of(user, endpoint)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("notAdminTimesEndpoint")
    void only_the_district_admin_may_change_the_district(String user, Endpoint endpoint) {
        endpoint.call().apply(as(user)).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:gridloop:problem:forbidden"));
    }

    @Test
    void the_district_admin_may_use_every_admin_endpoint() {
        for (Endpoint endpoint : adminEndpoints()) {
            int status = endpoint.call().apply(as("admin")).statusCode();
            // an unknown region, code or key (404) still proves the admin got past the role check
            org.junit.jupiter.api.Assertions.assertTrue(List.of(200, 201, 204, 404).contains(status),
                    endpoint + " answered " + status);
        }
    }

    @Test
    void reading_accounts_is_for_staff_only() {
        for (String user : List.of("gridmember1", "party1", "unit1", "resident1")) {
            as(user).get("/api/v1/accounts/" + accountId("party1")).then().statusCode(403);
            as(user).get("/api/v1/accounts").then().statusCode(403);
        }
    }

    @Test
    void a_community_secretary_sees_accounts_of_their_community_and_not_of_another() {
        as("secretary1").get("/api/v1/accounts/" + accountId("party1")).then().statusCode(200)
                .body("username", equalTo("party1"))
                .body("phone", equalTo("138****0005"));
        as("secretary1").get("/api/v1/accounts/" + accountId("party3")).then().statusCode(404)
                .body("type", equalTo("urn:gridloop:problem:not-found"));
    }

    @Test
    void a_grid_leader_sees_only_accounts_in_their_grid() {
        as("leader1").get("/api/v1/accounts/" + accountId("gridmember1")).then().statusCode(200);
        as("leader1").get("/api/v1/accounts/" + accountId("resident3")).then().statusCode(404);
        as("leader1").get("/api/v1/accounts/" + accountId("secretary1")).then().statusCode(404);
    }

    @Test
    void account_lists_are_cut_to_the_callers_scope_in_the_query() {
        as("secretary1").queryParam("limit", 100).get("/api/v1/accounts").then().statusCode(200)
                .body("items.username", hasItem("party1"))
                .body("items.username", hasItem("leader1"))
                .body("items.username", not(hasItem("party3")))
                .body("items.username", not(hasItem("resident3")));
        as("admin").queryParam("role", "PARTY_MEMBER").queryParam("limit", 100).get("/api/v1/accounts").then()
                .statusCode(200)
                .body("items.username", hasItem("party3"))
                .body("items.roles.flatten().role", everyItem(is("PARTY_MEMBER")));
    }

    @Test
    void an_account_is_created_with_roles_only_where_the_role_fits() {
        Map<String, Object> partyMemberOfAGrid = Map.of("username", unique("p"), "password", "long-enough-1",
                "name", "党员", "roles", List.of(Map.of("role", "PARTY_MEMBER", "regionId", regionOf("leader1"))));
        as("admin").body(partyMemberOfAGrid).post("/api/v1/accounts").then().statusCode(400)
                .body("violations[0].field", equalTo("roles[0]"));

        String username = unique("member");
        long id = as("admin").body(Map.of("username", username, "password", "long-enough-1", "name", "网格员",
                "phone", "13712345678", "roles", List.of(Map.of("role", "GRID_MEMBER", "regionId", regionOf("leader1")))))
                .post("/api/v1/accounts").then().statusCode(201)
                .body("phone", equalTo("137****5678"))
                .extract().<Number> path("id").longValue();
        as("leader1").get("/api/v1/accounts/" + id).then().statusCode(200).body("username", equalTo(username));
        as("admin").body(Map.of("username", username.toUpperCase(), "password", "long-enough-1", "name", "重复",
                "roles", List.of(Map.of("role", "RESIDENT")))).post("/api/v1/accounts").then().statusCode(409)
                .body("type", equalTo("urn:gridloop:problem:duplicate"));
    }

    private static long regionOf(String user) {
        return as(user).get("/api/v1/me").then().extract().<Number> path("regions[0].id").longValue();
    }

    private static Map<String, Object> category(String code) {
        return Map.of("code", code, "nameZh", "测试分类", "nameEn", "Test", "group", "测试",
                "defaultMatterClass", "MINOR", "responseLimit", Map.of("value", 2, "unit", "HOURS"),
                "resolutionLimit", Map.of("value", 3, "unit", "WORKING_DAYS"), "verificationRequired", false);
    }
}
