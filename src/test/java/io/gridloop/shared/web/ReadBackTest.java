package io.gridloop.shared.web;

import static io.gridloop.support.Api.anonymous;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.gridloop.support.Catalog.category;
import static io.gridloop.support.Catalog.uniqueCode;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridloop.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A resource read with GET, edited and sent back whole with PUT and its ETag, is updated: its read-only
 * fields are taken back as they were read. A read-only field sent with another value is a 400 naming it,
 * and changes nothing.
 */
@QuarkusTest
class ReadBackTest {

    /** The resource as read, with the change applied, sent back with the ETag it was read with. */
    private static Response putBack(String path, Map<String, Object> change) {
        Response read = as("admin").get(path);
        read.then().statusCode(200);
        Map<String, Object> body = read.jsonPath().getMap("");
        body.putAll(change);
        return as("admin").header("If-Match", read.header("ETag")).body(body).put(path);
    }

    private static void refused(String path, String field, Object value) {
        String etag = as("admin").get(path).then().extract().header("ETag");
        var violations = Problems.problem(putBack(path, Map.of(field, value)), 400, "validation").getList("violations.field");
        assertEquals(List.of(field), violations);
        as("admin").get(path).then().header("ETag", etag);
    }

    private static long account(String username, String phone) {
        long grid = as("leader1").get("/api/v1/me").then().extract().<Number> path("regions[0].id").longValue();
        return as("admin").body(Map.of("username", username, "password", "long-enough-1", "name", "居民", "phone", phone,
                "roles", List.of(Map.of("role", "RESIDENT", "regionId", grid))))
                .post("/api/v1/accounts").then().statusCode(201).extract().<Number> path("id").longValue();
    }

    @Test
    void an_account_goes_back_with_its_masked_phone_which_keeps_the_phone() {
        String username = unique("rb");
        String path = "/api/v1/accounts/" + account(username, "13812345678");
        as("admin").get(path).then().body("phone", equalTo("138****5678"));

        putBack(path, Map.of("name", "改名居民")).then().statusCode(200).body("name", equalTo("改名居民"));

        anonymous().header("Authorization", "Bearer " + anonymous()
                .body(Map.of("username", username, "password", "long-enough-1")).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("accessToken"))
                .get("/api/v1/me").then().statusCode(200).body("account.phone", equalTo("13812345678"));
    }

    @Test
    void an_account_refuses_another_username_id_version_or_masked_phone() {
        String path = "/api/v1/accounts/" + account(unique("rb"), "13812345678");

        refused(path, "username", unique("other"));
        refused(path, "id", 1);
        refused(path, "districtId", 999);
        refused(path, "version", 99);
        refused(path, "phone", "139****5678");
    }

    @Test
    void a_category_goes_back_with_its_name_and_version_and_refuses_others() {
        String code = uniqueCode("RB");
        as("admin").body(category(code)).post("/api/v1/categories").then().statusCode(201);
        String path = "/api/v1/categories/" + code;

        putBack(path, Map.of("nameEn", "Read back")).then().statusCode(200).body("nameEn", equalTo("Read back"));

        refused(path, "name", "另一个名字");
        refused(path, "version", 0);
    }

    @Test
    void a_region_goes_back_with_its_id_parent_type_and_version_and_refuses_others() {
        long district = as("admin").get("/api/v1/me").then().extract().<Number> path("account.districtId").longValue();
        long id = as("admin").body(Map.of("parentId", district, "type", "STREET", "name", unique("回写街道")))
                .post("/api/v1/regions").then().statusCode(201).extract().<Number> path("id").longValue();
        String path = "/api/v1/regions/" + id;
        String renamed = unique("改名街道");

        putBack(path, Map.of("name", renamed)).then().statusCode(200).body("name", equalTo(renamed));

        refused(path, "type", "COMMUNITY");
        refused(path, "parentId", id);
        refused(path, "id", id + 1);
        refused(path, "version", 0);
    }

    @Test
    void a_year_of_the_calendar_goes_back_with_its_year_version_and_time_and_refuses_others() {
        String path = "/api/v1/holidays/2047";
        as("admin").header("If-Match", "\"0\"").body(Map.of("days", List.of(Map.of("day", "2047-10-01", "working", false,
                "name", "国庆节")))).put(path).then().statusCode(200);

        putBack(path, Map.of("status", "PROVISIONAL")).then().statusCode(200).body("status", equalTo("PROVISIONAL"));

        refused(path, "year", 2046);
        refused(path, "fallback", true);
        refused(path, "updatedAt", "2047-01-01T00:00:00.000000Z");
        refused(path, "version", 0);
    }
}
