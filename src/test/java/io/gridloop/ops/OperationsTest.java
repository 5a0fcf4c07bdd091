package io.gridloop.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.logging.Level;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

@QuarkusTest
class OperationsTest {

    @Inject
    EntityManager entityManager;

    @Inject
    Vertx vertx;

    @Test
    void liveness_and_readiness_answer_up_and_readiness_checks_the_database() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .header("X-Request-Id", notNullValue());
    }

    /** On Linux the service's sockets run on Netty's epoll transport (docs/benchmarks.md, 2026-12-06 21:56); elsewhere on NIO. */
    @Test
    void on_linux_the_http_server_runs_on_the_native_transport() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && java.util.Set.of("amd64", "x86_64", "aarch64").contains(System.getProperty("os.arch")));
        assertTrue(vertx.isNativeTransportEnabled(), "Vert.x runs on NIO");
    }

    @Test
    void metrics_are_served_for_prometheus() {
        given().get("/api/v1/me").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds"));
    }

    @Test
    void browsers_may_call_the_api_only_from_the_listed_origins() {
        given().header("Origin", "https://mp.gridloop.test").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/auth/login").then()
                .header("Access-Control-Allow-Origin", equalTo("https://mp.gridloop.test"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/auth/login").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://mp.gridloop.test").get("/q/health/live").then()
                .header("Access-Control-Allow-Origin", equalTo("https://mp.gridloop.test"));
        given().header("Origin", "https://evil.example").get("/q/health/live").then()
                .header("Access-Control-Allow-Origin", nullValue());
        // without a preflight, OPTIONS still names the path's methods
        given().options("/api/v1/auth/login").then().header("Allow", equalTo("OPTIONS, POST"));
    }

    @Test
    @TestTransaction
    void the_database_speaks_utf8_and_finds_trigrams_in_chinese() {
        assertEquals("C.UTF-8", entityManager
                .createNativeQuery("SELECT datctype FROM pg_database WHERE datname = current_database()").getSingleResult());
        entityManager.createNativeQuery("CREATE EXTENSION IF NOT EXISTS pg_trgm").executeUpdate();
        Object trigrams = entityManager.createNativeQuery("SELECT array_length(show_trgm('路灯损坏'), 1)").getSingleResult();
        assertFalse(trigrams == null, "pg_trgm extracts no trigrams: the cluster's locale is not UTF-8");
    }

    @Test
    void json_log_lines_carry_the_formatted_message_level_and_request_id() throws Exception {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "ticket %s is \"late\"", ExtLogRecord.FormatStyle.PRINTF,
                OperationsTest.class.getName());
        record.setParameters(new Object[] { "GL-2026-000001" });
        record.setLoggerName("io.gridloop.test");
        record.putMdc("requestId", "req-1");
        JsonNode line = new ObjectMapper().readTree(new JsonLogs.JsonFormatter().format(record));
        assertEquals("ticket GL-2026-000001 is \"late\"", line.get("message").asText());
        assertEquals("WARNING", line.get("level").asText());
        assertEquals("req-1", line.get("requestId").asText());
    }
}
