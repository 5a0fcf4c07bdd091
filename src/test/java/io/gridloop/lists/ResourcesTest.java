package io.gridloop.lists;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridloop.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** SPEC §1.9 the resource list: who offers to which community, who changes an offer (If-Match), who sees its phone. */
@QuarkusTest
class ResourcesTest {

    static long communityOf(String username) {
        return as(username).get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id").longValue();
    }

    static long community1() {
        return communityOf("secretary1");
    }

    static long community3() {
        return communityOf("party3");
    }

    static Map<String, Object> offer(long communityId, String title) {
        Map<String, Object> body = new HashMap<>(Map.of("communityId", communityId, "kind", "VOLUNTEER_SERVICE", "title", title,
                "description", "陪老人散步、读报。", "availability", "每周六上午", "contactName", "孙立新",
                "contactPhone", "13800000005"));
        return body;
    }

    static Response post(String username, Map<String, Object> body) {
        return as(username).body(body).post("/api/v1/resources");
    }

    static long offered(String username, Map<String, Object> body) {
        return post(username, body).then().statusCode(201).extract().<Number> path("id").longValue();
    }

    private static String etag(String username, long id) {
        return as(username).get("/api/v1/resources/" + id).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void a_member_offers_to_their_community_as_themself_and_only_they_see_the_phone_unmasked() {
        Response created = post("party1", offer(community1(), unique("陪伴老人-")));
        created.then().statusCode(201).body("provider", equalTo("孙立新（党员）")).body("unitId", nullValue())
                .body("contactPhone", equalTo("13800000005")).body("status", equalTo("ACTIVE")).body("version", equalTo(1));
        long id = created.<Number> path("id").longValue();
        assertEquals("http://localhost:8080/api/v1/resources/" + id, created.header("Location"));
        assertEquals("\"1\"", created.header("ETag"));
        for (String other : List.of("party2", "resident1", "secretary1", "admin")) {
            as(other).get("/api/v1/resources/" + id).then().statusCode(200).body("contactPhone", equalTo("138****0005"));
        }
    }

    @Test
    void a_unit_offers_to_the_communities_whose_grids_it_contacts_and_an_admin_names_the_provider() {
        post("unit1", offer(community1(), unique("会议室-"))).then().statusCode(201).body("provider", equalTo("区城市管理局"))
                .body("unitId", org.hamcrest.Matchers.notNullValue());
        Problems.problem(post("unit1", offer(community3(), unique("会议室-"))), 422, "unprocessable");
        Problems.problem(post("party1", offer(community3(), unique("越界-"))), 422, "unprocessable");
        Problems.problem(post("secretary1", offer(community3(), unique("越界-"))), 422, "unprocessable");
        Problems.problem(post("secretary1", offer(community1(), unique("代登记-"))), 400, "validation");
        Map<String, Object> named = offer(community1(), unique("代登记-"));
        named.put("provider", "幸福小区物业服务中心");
        post("secretary1", named).then().statusCode(201).body("provider", equalTo("幸福小区物业服务中心"))
                .body("contactPhone", equalTo("13800000005"));
        for (String refused : List.of("resident1", "gridmember1", "leader1")) {
            Problems.problem(post(refused, offer(community1(), unique("无权-"))), 403, "forbidden");
        }
    }

    @Test
    void bad_offers_are_refused_with_the_field_named() {
        Map<String, Object> noTitle = offer(community1(), "x");
        noTitle.remove("title");
        assertTrue(Problems.problem(post("party1", noTitle), 400, "validation").getList("violations.field").contains("title"));
        Map<String, Object> badKind = offer(community1(), unique("种类-"));
        badKind.put("kind", "MAGIC");
        Problems.problem(post("party1", badKind), 400, "validation");
        Map<String, Object> badPhone = offer(community1(), unique("电话-"));
        badPhone.put("contactPhone", "call me");
        Problems.problem(post("party1", badPhone), 400, "validation");
        Map<String, Object> blankProvider = offer(community1(), unique("提供方-"));
        blankProvider.put("provider", "   ");
        Problems.problem(post("party1", blankProvider), 400, "validation");
        Map<String, Object> unknown = offer(community1(), unique("字段-"));
        unknown.put("ownerId", 1);
        Problems.problem(post("party1", unknown), 400, "validation");
        Problems.problem(post("party1", offer(987654321L, unique("社区-"))), 422, "unprocessable");
    }

    @Test
    void an_offer_is_made_once_per_idempotency_key() {
        Map<String, Object> body = offer(community1(), unique("重试-"));
        String key = unique("resource-");
        Response first = as("party1").header("Idempotency-Key", key).body(body).post("/api/v1/resources");
        Response again = as("party1").header("Idempotency-Key", key).body(body).post("/api/v1/resources");
        first.then().statusCode(201);
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.<Number> path("id").longValue(), again.<Number> path("id").longValue());
        body.put("title", unique("另一个-"));
        Problems.problem(as("party1").header("Idempotency-Key", key).body(body).post("/api/v1/resources"), 422,
                "idempotency-key-reused");
    }

    @Test
    void the_offerer_and_the_community_admin_change_an_offer_with_if_match_and_others_may_not() {
        long id = offered("party1", offer(community1(), unique("修改-")));
        String path = "/api/v1/resources/" + id;
        Problems.problem(as("party1").body(Map.of("title", "无版本")).patch(path), 428, "precondition-required");
        Problems.problem(as("party1").header("If-Match", "\"7\"").body(Map.of("title", "旧版本")).patch(path), 412,
                "precondition-failed");
        Problems.problem(as("party1").header("If-Match", "\"1\"").body(Map.of("title", " ")).patch(path), 400, "validation");
        Response changed = as("party1").header("If-Match", "\"1\"").body(Map.of("availability", "每周日下午", "description", ""))
                .patch(path);
        changed.then().statusCode(200).body("availability", equalTo("每周日下午")).body("description", nullValue())
                .body("title", org.hamcrest.Matchers.startsWith("修改-")).body("version", equalTo(2));
        assertEquals("\"2\"", changed.header("ETag"));
        Problems.problem(as("party2").header("If-Match", "\"2\"").body(Map.of("title", "别人改")).patch(path), 403, "forbidden");
        Problems.problem(as("resident3").header("If-Match", "\"2\"").body(Map.of("title", "外人改")).patch(path), 404, "not-found");
        Problems.problem(as("party3").delete(path), 404, "not-found");
        as("secretary1").header("If-Match", etag("secretary1", id)).body(Map.of("kind", "SKILL")).patch(path).then()
                .statusCode(200).body("kind", equalTo("SKILL")).body("version", equalTo(3));
    }

    @Test
    void a_withdrawn_offer_leaves_the_list_for_good() {
        long id = offered("party1", offer(community1(), unique("撤下-")));
        String path = "/api/v1/resources/" + id;
        Problems.problem(as("party2").delete(path), 403, "forbidden");
        as("party1").delete(path).then().statusCode(204);
        as("party1").delete(path).then().statusCode(204);
        as("party1").get(path).then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        Problems.problem(as("party2").get(path), 404, "not-found");
        Problems.problem(as("party1").header("If-Match", etag("party1", id)).body(Map.of("title", "复活")).patch(path), 409,
                "invalid-transition");
        List<Number> listed = as("party2").queryParam("limit", 100).get("/api/v1/lists/" + community1() + "/resources").then()
                .statusCode(200).extract().path("items.id");
        assertTrue(listed.stream().noneMatch(n -> n.longValue() == id));
    }

    @Test
    void the_unit_offers_are_managed_by_every_handler_of_the_unit() {
        long id = offered("unit1", offer(community1(), unique("单位资源-")));
        long unit = as("unit1").get("/api/v1/resources/" + id).then().extract().<Number> path("unitId").longValue();
        String colleague = unique("unit.colleague.");
        as("admin").body(Map.of("username", colleague, "password", "gridloop", "name", "同事", "roles",
                List.of(Map.of("role", "UNIT_HANDLER", "unitId", unit)), "mustChangePassword", false)).post("/api/v1/accounts")
                .then().statusCode(201);
        Response changed = as(colleague).header("If-Match", "\"1\"").body(Map.of("capacity", "可容纳40人"))
                .patch("/api/v1/resources/" + id);
        changed.then().statusCode(200).body("capacity", equalTo("可容纳40人"));
        assertNotEquals("13800000005", changed.path("contactPhone"), "a colleague is not the account that offered it");
    }
}
