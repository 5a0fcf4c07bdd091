package io.gridloop.shared.web;

import static io.gridloop.support.Api.anonymous;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * SPEC §2: parsing is strict. One JSON document per body, no key twice, no scalar coercion, no
 * control characters (NUL included) in any string, path or query value, a body says what it is;
 * each refused with a problem, never a 500, and nothing is changed.
 */
@QuarkusTest
class StrictParsingTest {

    @Inject
    AgroalDataSource dataSource;

    private static List<String> fields(Response response) {
        return Problems.problem(response, 400, "validation").getList("violations.field", String.class);
    }

    private long tickets() {
        return Sql.count(dataSource, "SELECT count(*) FROM ticket");
    }

    @Test
    void a_duplicate_key_is_a_malformed_body_on_sign_in_and_everywhere_else() {
        Problems.problem(anonymous().body("{\"username\":\"admin\",\"username\":\"leader1\",\"password\":\"gridloop\"}")
                .post("/api/v1/auth/login"), 400, "malformed-body");
        long before = tickets();
        Problems.problem(as("resident1").body("{\"categoryCode\":\"GARBAGE\",\"title\":\"重复\",\"title\":\"键\"}")
                .post("/api/v1/tickets"), 400, "malformed-body");
        assertEquals(before, tickets());
    }

    @Test
    void content_after_the_json_document_is_refused() {
        Problems.problem(anonymous().body("{\"username\":\"admin\",\"password\":\"gridloop\"} {}").post("/api/v1/auth/login"),
                400, "malformed-body");
        Problems.problem(anonymous().body("{\"username\":\"admin\",\"password\":\"gridloop\"}x").post("/api/v1/auth/login"),
                400, "malformed-body");
    }

    @Test
    void no_scalar_is_coerced_into_another_type() {
        assertEquals(List.of("username"), fields(anonymous().body("{\"username\":12345,\"password\":\"gridloop\"}")
                .post("/api/v1/auth/login")));
        long before = tickets();
        assertEquals(List.of("anonymous"), fields(as("resident1")
                .body("{\"categoryCode\":\"GARBAGE\",\"title\":\"强制转换\",\"anonymous\":1}").post("/api/v1/tickets")));
        assertEquals(List.of("anonymous"), fields(as("resident1")
                .body("{\"categoryCode\":\"GARBAGE\",\"title\":\"强制转换\",\"anonymous\":\"true\"}").post("/api/v1/tickets")));
        assertEquals(List.of("location.lat"), fields(as("resident1")
                .body("{\"categoryCode\":\"GARBAGE\",\"title\":\"强制转换\",\"location\":{\"lat\":\"30.2\",\"lng\":120.1}}")
                .post("/api/v1/tickets")));
        assertEquals(List.of("kind"), fields(as("resident1")
                .body("{\"categoryCode\":\"GARBAGE\",\"title\":\"强制转换\",\"kind\":0}").post("/api/v1/tickets")));
        assertEquals(before, tickets());
        assertEquals(List.of("roles[0].regionId"), fields(as("admin").body(Map.of("username", unique("c"), "password",
                "long-enough-1", "name", "强制", "roles", List.of(Map.of("role", "RESIDENT", "regionId", "5"))))
                .post("/api/v1/accounts")));
    }

    @Test
    void a_control_character_or_a_lone_surrogate_in_a_body_string_names_the_field() {
        assertEquals(List.of("username"), fields(anonymous().body(Map.of("username", "ad\u0000min", "password", "gridloop"))
                .post("/api/v1/auth/login")));
        long before = tickets();
        assertEquals(List.of("categoryCode"), fields(as("resident1")
                .body(Map.of("categoryCode", "GARBAGE\u0000", "title", "空字符")).post("/api/v1/tickets")));
        assertEquals(List.of("description"), fields(as("resident1")
                .body(Map.of("categoryCode", "GARBAGE", "title", "空字符", "description", "a\u0000b")).post("/api/v1/tickets")));
        assertEquals(List.of("title"), fields(as("resident1")
                .body("{\"categoryCode\":\"GARBAGE\",\"title\":\"\\ud800\"}").post("/api/v1/tickets")));
        assertEquals(before, tickets());

        as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", unique("多行-"), "description", "第一行\n第二行\t完"))
                .post("/api/v1/tickets").then().statusCode(201);
    }

    @Test
    void a_control_character_in_a_path_or_query_value_is_a_bad_request() {
        Problems.problem(as("leader1").queryParam("categoryCode", "GAR\u0000BAGE").get("/api/v1/tickets"), 400, "bad-request");
        Problems.problem(as("leader1").queryParam("q", "a\nb").get("/api/v1/tickets"), 400, "bad-request");
        Problems.problem(as("admin").urlEncodingEnabled(false).get("/api/v1/categories/GAR%00BAGE"), 400, "bad-request");
        Problems.problem(as("admin").urlEncodingEnabled(false).get("/api/v1/accounts?role=%00"), 400, "bad-request");
    }

    @Test
    void an_overlong_uri_and_oversized_headers_are_answered_with_problems() {
        Problems.problem(as("leader1").queryParam("categoryCode", "G".repeat(9000)).get("/api/v1/tickets"), 414, "uri-too-long");
        Problems.problem(as("leader1").header("X-Padding", "p".repeat(40_000)).get("/api/v1/tickets"), 431, "headers-too-large");
        as("leader1").queryParam("categoryCode", "G".repeat(2000)).get("/api/v1/tickets").then().statusCode(200);
    }

    @Test
    void a_body_without_a_content_type_is_refused_and_an_empty_one_is_not() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/api/v1/auth/login")).POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"gridloop\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, response.statusCode(), response.body());
        assertThat(response.headers().firstValue("Content-Type").orElse(""), startsWith("application/problem+json"));
        assertEquals(Problems.TYPE_PREFIX + "unsupported-media-type", JsonPath.from(response.body()).getString("type"));

        given().header("Authorization", "Bearer " + io.gridloop.support.Api.token("resident1"))
                .get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void a_query_parameter_given_twice_is_refused_not_read_as_one_of_its_values() {
        Problems.problem(as("resident1").get("/api/v1/tickets?q=a&q=b"), 400, "bad-request");
        Problems.problem(as("resident1").get("/api/v1/tickets/nearby?lat=30&lng=120&lat=31"), 400, "bad-request");
        Problems.problem(as("resident1").get("/api/v1/tickets?limit=5&limit=50"), 400, "bad-request");
        as("resident1").get("/api/v1/tickets?q=a&limit=5").then().statusCode(200);
    }
}
