package io.gridloop.standalone;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridloop.support.ServiceInstance;
import io.restassured.http.ContentType;

/**
 * The README's demo as an operator stops it: the packaged service on the embedded PostgreSQL it started, stopped
 * with SIGTERM while it still serves (a shutdown delay, as behind a load balancer that takes a while to see it go).
 * The database outlives the service, so its last requests and jobs still have it, and stops after it.
 */
class EmbeddedShutdownIT {

    @TempDir
    Path data;

    @Test
    void the_embedded_database_serves_until_the_service_has_stopped_then_stops() throws IOException {
        ServiceInstance service = ServiceInstance.start("embedded-shutdown", Map.of("quarkus.profile", "demo",
                "gridloop.data-dir", data.toString(), "quarkus.shutdown.delay", "6s"));
        try {
            String token = given().port(service.port()).contentType(ContentType.JSON)
                    .body(Map.of("username", "admin", "password", "gridloop"))
                    .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).trim());

            service.beginStop();
            // readiness DOWN for the load balancer, the database still UP
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> given().port(service.managementPort()).get("/q/health/ready").statusCode(), status -> status == 503);
            given().port(service.managementPort()).get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'Graceful Shutdown' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
            // the delay's requests read the database: the library's own shutdown hook had stopped it by now
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> given().port(service.port()).auth().oauth2(token).get("/api/v1/tickets?limit=5").statusCode(),
                            status -> status == 200);
            service.close();

            // the postmaster removes its pid file, which pg_ctl waits for, a moment before it exits
            ProcessHandle.of(postmaster).ifPresent(server -> assertDoesNotThrow(() -> server.onExit().get(10, TimeUnit.SECONDS),
                    "the embedded PostgreSQL still runs after the service stopped"));
            List<String> problems = Files.readAllLines(service.log()).stream()
                    .filter(line -> line.contains(" ERROR ") || line.contains(" WARN ")).toList();
            assertEquals(List.of(), problems);
        } finally {
            service.close();
        }
    }
}
