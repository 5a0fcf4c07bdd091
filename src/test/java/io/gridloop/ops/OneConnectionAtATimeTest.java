package io.gridloop.ops;

import static io.gridloop.support.Api.anonymous;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.AtOnce;
import io.gridloop.support.HeldConnections;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A request takes one of the pool's connections at a time (application.properties: the connection handling
 * mode): one that took a second while holding one waited, with half the pool's worth of such requests in
 * flight, for connections held by requests waiting like it, until the acquisition timeout answered 503.
 * {@code surface.AuthorizationMatrixTest} watches every operation the same way.
 */
@QuarkusTest
class OneConnectionAtATimeTest {

    @Inject
    HeldConnections connections;
    @Inject
    AgroalDataSource dataSource;
    @ConfigProperty(name = "gridloop.webhooks.passes")
    int webhookPasses;

    @Test
    void the_watch_sees_a_second_connection_taken_while_one_is_held() throws SQLException {
        int mark = connections.mark();
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            assertEquals(1, connections.since(mark).size(), "one second connection, taken here");
        }
        int after = connections.mark();
        try (Connection first = dataSource.getConnection()) {
            first.isValid(1);
        }
        try (Connection again = dataSource.getConnection()) {
            again.isValid(1);
        }
        assertEquals(List.of(), connections.since(after), "one after the other is one at a time");
    }

    @Test
    void sign_ins_and_a_ticket_round_the_loop_take_one_connection_at_a_time() {
        int mark = connections.mark();
        anonymous().body(Map.of("username", "resident1", "password", Api.PASSWORD)).post("/api/v1/auth/login")
                .then().statusCode(200);
        anonymous().body(Map.of("username", unique("nobody."), "password", "wrong")).post("/api/v1/auth/login")
                .then().statusCode(401);
        long id = as("resident1").body(Map.of("categoryCode", "STREETLIGHT", "title", "小区东门路灯不亮",
                "location", Map.of("lat", 30.2025, "lng", 120.1025, "address", "幸福社区东门")))
                .post("/api/v1/tickets").then().statusCode(201).extract().<Number> path("id").longValue();
        String ticket = "/api/v1/tickets/" + id;
        as("leader1").body(Map.of("matterClass", "MINOR")).post(ticket + "/triage").then().statusCode(200);
        as("leader1").body(Map.of("target", "POOL")).post(ticket + "/dispatch").then().statusCode(200);
        as("party1").get("/api/v1/tickets/pool").then().statusCode(200);
        as("party1").body(Map.of()).post(ticket + "/claim").then().statusCode(200);
        as("party1").body(Map.of()).post(ticket + "/start").then().statusCode(200);
        as("party1").body(Map.of("resolution", "已更换灯泡。")).post(ticket + "/resolve").then().statusCode(200);
        as("leader1").body(Map.of("passed", true)).post(ticket + "/verify").then().statusCode(200);
        as("resident1").body(Map.of("rating", "SATISFIED", "solved", "SOLVED")).post(ticket + "/feedback")
                .then().statusCode(200).body("status", equalTo("CLOSED"));
        as("leader1").get(ticket).then().statusCode(200);
        as("leader1").get(ticket + "/timeline").then().statusCode(200);
        as("leader1").queryParam("q", "路灯").get("/api/v1/tickets").then().statusCode(200);
        as("leader1").accept("text/csv").get("/api/v1/tickets/export.csv").then().statusCode(200);
        assertEquals(List.of(), connections.sinceOnWorkers(mark));
    }

    /**
     * Three times as many requests at once as there are connections, each held up by a lock this test keeps on the
     * ticket: they wait for a worker thread, in the order they came, not for a connection, which the pool hands to
     * whichever thread takes it first (ops.PoolSizing). With Quarkus' own number of threads (at least 200) each of
     * them had a thread, those without a connection waited in the pool, and the ones that waited past its
     * acquisition timeout answered 503.
     */
    @Test
    void more_requests_at_once_than_connections_wait_for_a_thread_not_for_a_connection() throws Exception {
        int connections = dataSource.getConfiguration().connectionPoolConfiguration().maxSize();
        int sidePasses = webhookPasses - 1;
        long id = as("resident1").body(Map.of("categoryCode", "STREETLIGHT", "title", "小区南门路灯不亮"))
                .post("/api/v1/tickets").then().statusCode(201).extract().<Number> path("id").longValue();
        as("leader1").get("/api/v1/me").then().statusCode(200);
        CompletableFuture<List<Response>> answers;
        long threads;
        // both taken before the requests, so that neither waits for the pool
        try (Connection lock = dataSource.getConnection(); Connection watch = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (var locking = Sql.prepare(lock, "SELECT id FROM ticket WHERE id = ? FOR UPDATE", id)) {
                locking.executeQuery().close();
            }
            answers = CompletableFuture.supplyAsync(() -> {
                try {
                    return AtOnce.requests(3 * connections, i -> as("leader1").body(Map.of("matterClass", "MINOR"))
                            .post("/api/v1/tickets/" + id + "/triage"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the pool's connections all in use but the side passes' and these two
            long held = connections - sidePasses - 2;
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting(watch) >= held);
            threads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("executor-thread-")).count();
            lock.commit();
        }
        List<Integer> statuses = answers.get(120, TimeUnit.SECONDS).stream().map(Response::statusCode).toList();
        assertEquals(List.of(), statuses.stream().filter(status -> status != 200 && status != 409).toList());
        assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "one triage; the others came too late");
        assertTrue(threads + sidePasses <= connections,
                threads + " worker threads and " + sidePasses + " webhook side passes for " + connections + " connections");
    }

    /** How many statements wait for a row lock. */
    private static long waiting(Connection watch) throws SQLException {
        try (var statement = Sql.prepare(watch,
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype IN ('transactionid', 'tuple')");
                var count = statement.executeQuery()) {
            count.next();
            return count.getLong(1);
        }
    }
}
