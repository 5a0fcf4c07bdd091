package io.gridloop.ops;

import static io.gridloop.support.Api.anonymous;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.HeldConnections;
import io.quarkus.test.junit.QuarkusTest;

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
}
