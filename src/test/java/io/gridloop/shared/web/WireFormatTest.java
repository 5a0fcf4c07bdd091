package io.gridloop.shared.web;

import static io.gridloop.support.Api.anonymous;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** What every answer shares on the wire: headers that keep it out of caches and sniffers, and one time format. */
@QuarkusTest
class WireFormatTest {

    /** UTC, six fraction digits: what PostgreSQL keeps of a timestamptz. */
    private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";

    @Inject
    ObjectMapper json;

    @Test
    void the_mapper_of_the_answers_reaches_accessors_without_reflection() {
        assertTrue(json.getRegisteredModuleIds().contains(new BlackbirdModule().getTypeId()), json.getRegisteredModuleIds()::toString);
    }

    @Test
    void tokens_personal_data_and_problems_are_never_stored_and_never_sniffed() {
        List<Response> answers = List.of(
                anonymous().body(Map.of("username", "resident1", "password", "gridloop")).post("/api/v1/auth/login"),
                as("resident1").get("/api/v1/me"),
                as("admin").get("/api/v1/accounts"),
                as("resident1").get("/api/v1/no-such-thing"));
        for (Response answer : answers) {
            answer.then().header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        }
        assertEquals(200, answers.get(0).statusCode());
        assertEquals(404, answers.get(3).statusCode());
    }

    @Test
    void a_location_is_under_the_public_base_url_whatever_host_the_client_names() {
        Response created = as("resident1").header("Host", "attacker.example").header("X-Forwarded-Host", "attacker.example")
                .header("X-Forwarded-Proto", "https").body(Map.of("categoryCode", "GARBAGE", "title", unique("地址-")))
                .post("/api/v1/tickets");

        assertEquals(201, created.statusCode(), created.asString());
        assertEquals("http://localhost:8080/api/v1/tickets/" + created.path("id"), created.header("Location"));
    }

    @Test
    void every_time_is_utc_with_microseconds_the_dispatch_answer_included() {
        long id = as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", unique("时间格式-")))
                .post("/api/v1/tickets").then().statusCode(201)
                .body("createdAt", matchesPattern(TIME)).extract().<Number> path("id").longValue();
        JsonPath dispatched = as("leader1").body(Map.of("target", "POOL")).post("/api/v1/tickets/" + id + "/dispatch")
                .then().statusCode(200).extract().jsonPath();
        for (String field : List.of("dueAt", "responseDueAt", "resolutionDueAt", "updatedAt", "createdAt")) {
            org.hamcrest.MatcherAssert.assertThat(field, dispatched.getString(field), matchesPattern(TIME));
        }
        as("leader1").get("/api/v1/tickets/" + id).then().statusCode(200)
                .body("dueAt", equalTo(dispatched.getString("dueAt")))
                .body("resolutionDueAt", equalTo(dispatched.getString("resolutionDueAt")));
        as("leader1").get("/api/v1/tickets/" + id + "/timeline").then().statusCode(200)
                .body("[1].at", matchesPattern(TIME))
                .body("[1].dispatch.responseDueAt", equalTo(dispatched.getString("responseDueAt")));
    }
}
