package io.gridloop.standalone;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridloop.support.ServiceInstance;
import io.restassured.http.ContentType;

/** The README's demo, the packaged service on the embedded PostgreSQL it starts, as a stranger runs and stops it. */
class EmbeddedPostgresIT {

    @TempDir
    Path data;

    /**
     * Stopped with SIGTERM while it still serves (a shutdown delay, as behind a load balancer that takes a while to
     * see it go): the database outlives the service, so its last requests and jobs still have it, and stops after it.
     */
    @Test
    void the_embedded_database_serves_until_the_service_has_stopped_then_stops() throws IOException {
        ServiceInstance service = ServiceInstance.start("embedded-shutdown", Map.of("quarkus.profile", "demo",
                "gridloop.data-dir", data.toString(), "quarkus.shutdown.delay", "6s"));
        try {
            String token = given().port(service.port()).contentType(ContentType.JSON)
                    .body(Map.of("username", "admin", "password", "gridloop"))
                    .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
            long postmaster = postmaster();

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

    /**
     * A second service started on the same data directory (the demo jar beside {@code quarkus:dev}, both on
     * {@code ./data}) is refused, and the first keeps its database: the second had sent the first's PostgreSQL a
     * shutdown request, after which it took no new connection.
     */
    @Test
    void a_second_service_on_the_same_data_directory_is_refused_and_the_first_keeps_its_database() throws IOException {
        Map<String, String> settings = Map.of("quarkus.profile", "demo", "gridloop.data-dir", data.toString());
        try (ServiceInstance first = ServiceInstance.start("embedded-first", settings)) {
            long postmaster = postmaster();

            assertThrows(IllegalStateException.class, () -> ServiceInstance.start("embedded-second", settings));

            assertThat(Files.readString(Path.of("target", "embedded-second.log")),
                    containsString("belongs to the service running as pid"));
            assertTrue(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false), "the first's PostgreSQL stopped");
            try (Stream<Path> logs = Files.list(data.resolve("postgres/log"))) {
                for (Path log : logs.toList()) {
                    assertThat(log.toString(), Files.readString(log), not(containsString("shutdown request")));
                }
            }
            given().port(first.port()).contentType(ContentType.JSON).body(Map.of("username", "admin", "password", "gridloop"))
                    .post("/api/v1/auth/login").then().statusCode(200);
        }
    }

    /**
     * A service killed (SIGKILL) leaves its PostgreSQL running; the next start on the data directory stops that one,
     * whose owner is gone, and starts its own on the same data directory.
     */
    @Test
    void the_postgresql_of_a_killed_service_is_stopped_by_the_next_start() throws Exception {
        Map<String, String> settings = Map.of("quarkus.profile", "demo", "gridloop.data-dir", data.toString());
        ServiceInstance killed = ServiceInstance.start("embedded-killed", settings);
        long orphan = postmaster();
        killed.kill();
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the killed service's PostgreSQL stopped");

        try (ServiceInstance next = ServiceInstance.start("embedded-next", settings)) {
            // the start waited for it to exit before it began its own
            assertTrue(ProcessHandle.of(orphan).map(server -> !server.isAlive()).orElse(true), "the orphan still runs");
            assertThat(Files.readString(next.log()), containsString("Stopping a PostgreSQL (pid " + orphan + ") left running"));
            given().port(next.port()).contentType(ContentType.JSON).body(Map.of("username", "admin", "password", "gridloop"))
                    .post("/api/v1/auth/login").then().statusCode(200);
        }
    }

    /** The postmaster's pid, from the first line of the data directory's postmaster.pid. */
    private long postmaster() throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).trim());
    }
}
