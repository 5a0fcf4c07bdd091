package io.gridloop.webhook;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class WebhookSubscriptionTest {

    private static String newKey() {
        long district = as("admin").get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id").longValue();
        return as("admin").body(Map.of("name", unique("城管平台-"), "regionId", district)).post("/api/v1/api-keys").then()
                .statusCode(201).extract().path("key");
    }

    private static RequestSpecification key(String key) {
        return given().header("X-API-Key", key).contentType("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://10.0.0.1/hook", "http://169.254.169.254/latest", "http://[::ffff:10.0.0.1]/hook",
            "http://[fd00::1]/hook", "http://224.0.0.1/hook", "http://[::1]/hook", "http://127.0.0.2/hook" })
    void a_url_on_an_internal_network_is_refused(String url) {
        as("admin").body(Map.of("url", url, "events", List.of("ticket.created"))).post("/api/v1/webhooks").then()
                .statusCode(422).body("type", equalTo("urn:gridloop:problem:unprocessable"))
                .body("violations[0].field", equalTo("url"));
    }

    @Test
    void a_subscription_shows_its_secret_once_and_each_key_sees_its_own() {
        String apiKey = newKey();
        var mine = key(apiKey).body(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("ticket.status_changed")))
                .post("/api/v1/webhooks").then().statusCode(201).body("secret", startsWith("whsec_"))
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/webhooks/")).extract();
        int id = mine.path("id");
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        int admins = as("admin").body(Map.of("url", "http://127.0.0.1:9/all", "events", List.of("ticket.created"), "secret", secret))
                .post("/api/v1/webhooks").then().statusCode(201).body("secret", equalTo(secret)).extract().path("id");

        key(apiKey).queryParam("limit", 100).get("/api/v1/webhooks").then().statusCode(200).body("items.id", hasItem(id))
                .body("items.id", not(hasItem(admins))).body("items[0].secret", org.hamcrest.Matchers.nullValue());
        as("admin").queryParam("limit", 100).get("/api/v1/webhooks").then().statusCode(200).body("items.id", hasItem(id))
                .body("items.id", hasItem(admins));
        key(newKey()).delete("/api/v1/webhooks/" + id).then().statusCode(404);
        key(apiKey).delete("/api/v1/webhooks/" + admins).then().statusCode(404);
        as("leader1").get("/api/v1/webhooks").then().statusCode(403);

        key(apiKey).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        as("admin").delete("/api/v1/webhooks/" + admins).then().statusCode(204);
        as("admin").get("/api/v1/webhooks/" + admins + "/deliveries").then().statusCode(404);
    }

    @Test
    void unknown_events_and_bad_secrets_are_refused() {
        as("admin").body(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("ticket.deleted"))).post("/api/v1/webhooks")
                .then().statusCode(400);
        as("admin").body(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("ticket.created"), "secret", "hunter2"))
                .post("/api/v1/webhooks").then().statusCode(400);
        as("admin").body(Map.of("url", "gopher://127.0.0.1/", "events", List.of("ticket.created"))).post("/api/v1/webhooks")
                .then().statusCode(400);
    }
}
