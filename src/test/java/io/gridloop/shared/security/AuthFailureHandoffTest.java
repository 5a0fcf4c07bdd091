package io.gridloop.shared.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.gridloop.support.Api;
import io.gridloop.support.Problems;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@link AuthFailureHandoff}: Quarkus REST's filter finds no default failure handler to replace (so it builds no request
 * mapper to name a template), a refused token still answers a 401 problem, and the metrics still name each
 * request by its path's template, a refused one included.
 */
@QuarkusTest
class AuthFailureHandoffTest {

    @Test
    void the_rest_filter_finds_no_default_failure_handler_to_replace() {
        given().header(AuthFailureProbe.ASK, "1").get("/api/v1/categories").then()
                .header(AuthFailureProbe.ANSWER, equalTo("none"));
        given().header(AuthFailureProbe.ASK, "1").header("Authorization", "Bearer " + Api.token("resident1"))
                .get("/api/v1/tickets/0").then().header(AuthFailureProbe.ANSWER, equalTo("none"));
    }

    @Test
    void a_refused_token_is_still_a_401_problem_and_the_metrics_name_the_template() {
        Problems.problem(given().header("Authorization", "Bearer not.a.token").get("/api/v1/tickets/987654321"), 401,
                "unauthenticated");
        given().header("Authorization", "Bearer " + Api.token("resident1")).get("/api/v1/tickets/987654321").then()
                .statusCode(404);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("uri=\"/api/v1/tickets/{id}\""))
                .body(containsString("status=\"401\",uri=\"/api/v1/tickets/{id}\""))
                .body(containsString("status=\"404\",uri=\"/api/v1/tickets/{id}\""));
    }
}
