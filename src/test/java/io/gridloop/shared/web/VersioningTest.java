package io.gridloop.shared.web;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.gridloop.support.Catalog.category;
import static io.gridloop.support.Catalog.uniqueCode;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridloop.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** SPEC §2: mutable resources send their version as ETag, and an update must name it in If-Match. */
@QuarkusTest
class VersioningTest {

    private static final String ETAG_FORM = "\"[0-9]+\"";

    private static String createCategory() {
        String code = uniqueCode("VER");
        as("admin").body(category(code)).post("/api/v1/categories").then().statusCode(201);
        return code;
    }

    private static long createStreet() {
        long district = as("admin").get("/api/v1/me").then().extract().<Number> path("account.districtId").longValue();
        return as("admin").body(Map.of("parentId", district, "type", "STREET", "name", unique("版本街道")))
                .post("/api/v1/regions").then().statusCode(201).extract().<Number> path("id").longValue();
    }

    private static String etagOf(String path) {
        String etag = as("admin").get(path).then().statusCode(200).extract().header("ETag");
        assertThat(etag, matchesPattern(ETAG_FORM));
        return etag;
    }

    @Test
    void reading_a_category_or_a_region_sends_its_version_as_etag() {
        String category = "/api/v1/categories/" + createCategory();
        String region = "/api/v1/regions/" + createStreet();

        as("resident1").get(category).then().statusCode(200).header("ETag", matchesPattern(ETAG_FORM));
        as("admin").get(region).then().statusCode(200).header("ETag", matchesPattern(ETAG_FORM));
        Response read = as("admin").get(category);
        assertEquals("\"" + read.jsonPath().getLong("version") + "\"", read.header("ETag"));
    }

    @Test
    void a_category_update_without_if_match_is_428_and_changes_nothing() {
        String code = createCategory();
        String path = "/api/v1/categories/" + code;
        String etag = etagOf(path);
        Map<String, Object> change = category(code);
        change.put("nameEn", "Changed without If-Match");

        Problems.problem(as("admin").body(change).put(path), 428, "precondition-required");

        as("admin").get(path).then().statusCode(200).header("ETag", etag).body("nameEn", equalTo("Test category"));
    }

    @Test
    void a_category_update_with_a_stale_etag_is_412_and_changes_nothing() {
        String code = createCategory();
        String path = "/api/v1/categories/" + code;
        String stale = etagOf(path);
        Map<String, Object> first = category(code);
        first.put("nameEn", "First change");
        as("admin").header("If-Match", stale).body(first).put(path).then().statusCode(200);
        String current = etagOf(path);
        Map<String, Object> second = category(code);
        second.put("nameEn", "Second change on an old read");

        Problems.problem(as("admin").header("If-Match", stale).body(second).put(path), 412, "precondition-failed");

        as("admin").get(path).then().statusCode(200).header("ETag", current).body("nameEn", equalTo("First change"));
    }

    @Test
    void a_category_update_with_the_current_etag_succeeds_with_a_new_etag() {
        String code = createCategory();
        String path = "/api/v1/categories/" + code;
        String etag = etagOf(path);
        Map<String, Object> change = category(code);
        change.put("nameEn", "Streetlight repair");
        change.put("resolutionLimit", Map.of("value", 5, "unit", "WORKING_DAYS"));

        Response updated = as("admin").header("If-Match", etag).body(change).put(path);

        updated.then().statusCode(200).header("ETag", matchesPattern(ETAG_FORM)).header("ETag", not(etag))
                .body("nameEn", equalTo("Streetlight repair"));
        as("admin").header("Accept-Language", "en").get(path).then().statusCode(200)
                .header("ETag", updated.header("ETag"))
                .body("name", equalTo("Streetlight repair")).body("resolutionLimit.value", equalTo(5));
    }

    @Test
    void a_region_update_needs_the_current_etag() {
        long id = createStreet();
        String path = "/api/v1/regions/" + id;
        String etag = etagOf(path);
        String original = as("admin").get(path).then().extract().path("name");
        String renamed = unique("改名街道");

        Problems.problem(as("admin").body(Map.of("name", renamed)).put(path), 428, "precondition-required");
        Problems.problem(as("admin").header("If-Match", "\"999\"").body(Map.of("name", renamed)).put(path), 412,
                "precondition-failed");
        as("admin").get(path).then().header("ETag", etag).body("name", equalTo(original));

        Response updated = as("admin").header("If-Match", etag).body(Map.of("name", renamed)).put(path);

        updated.then().statusCode(200).header("ETag", not(etag)).body("name", equalTo(renamed));
        as("admin").get(path).then().statusCode(200).header("ETag", updated.header("ETag")).body("name", equalTo(renamed));
        Problems.problem(as("admin").header("If-Match", etag).body(Map.of("name", unique("又改名"))).put(path), 412,
                "precondition-failed");
    }
}
