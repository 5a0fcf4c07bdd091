package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridloop.support.Api;
import io.gridloop.support.SessionsOpened;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A filing and every action of the loop run their statements by JDBC ({@link io.gridloop.shared.sql.Jdbc}) with ids from
 * the entities' generators ({@link io.gridloop.shared.sql.EntityIds}), and open no Hibernate session, whose opening,
 * flush and closing were about 6 % of a loop request's samples; a page of tickets, read through the ORM, does, which
 * shows the probe ({@link SessionsOpened}) sees sessions.
 */
@QuarkusTest
class TicketLoopSessionsTest {

    @Test
    void a_filing_and_the_actions_of_a_loop_open_no_hibernate_session() {
        // sign-ins, and the first filing of the year and of the category (its sequence, its terms, then cached), may
        long gridMember = Api.accountId("gridmember1");
        List.of("resident1", "leader1", "party1").forEach(Api::token);
        TicketLoopTest.file("resident1", Map.of("categoryCode", "GARBAGE", "title", "会话-先行"));
        SessionsOpened.clear();
        long id = TicketLoopTest.file("resident1", Map.of("categoryCode", "GARBAGE", "title", "会话-小区东门垃圾未清运",
                "location", Map.of("lat", 30.2025, "lng", 120.1025, "address", "幸福社区东门")));
        TicketLoopTest.roundTheLoop(id);

        long other = TicketLoopTest.file("resident1", Map.of("categoryCode", "GARBAGE", "title", "会话-指派到人"));
        as("leader1").body(Map.of("matterClass", "MINOR")).post("/api/v1/tickets/" + other + "/triage").then().statusCode(200);
        as("leader1").body(Map.of("target", "ACCOUNT", "assigneeId", gridMember))
                .post("/api/v1/tickets/" + other + "/dispatch").then().statusCode(200);
        assertEquals(List.of(), SessionsOpened.requests(), "requests of the loop that opened a Hibernate session");

        as("leader1").get("/api/v1/tickets?limit=5").then().statusCode(200);
        assertTrue(SessionsOpened.requests().contains("GET /api/v1/tickets"),
                "the probe saw no session of a page of tickets: " + SessionsOpened.requests());
    }
}
