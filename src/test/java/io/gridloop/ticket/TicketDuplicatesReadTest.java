package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.StatementCounts;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An action's answer asks which tickets are marked duplicates of the ticket only when the statement that found the
 * ticket saw some (TicketActionsTest checks that the answer lists them then). Counted with pg_stat_statements
 * ({@link StatementCounts}).
 */
@QuarkusTest
class TicketDuplicatesReadTest {

    private static final String DUPLICATES = "SELECT t.duplicate_of, t.id FROM ticket t WHERE %";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void an_action_on_a_ticket_nothing_duplicates_does_not_ask_for_its_duplicates() throws SQLException {
        StatementCounts.assumeCounted(dataSource);
        long id = as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", unique("无重复-"))).post("/api/v1/tickets")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long before = duplicateReads();
        as("leader1").body(Map.of("matterClass", "MINOR")).post("/api/v1/tickets/" + id + "/triage").then().statusCode(200)
                .body("duplicates", empty());
        assertEquals(before, duplicateReads(), "the triage's answer asked for the ticket's duplicates");

        // a page of tickets still asks: the count above could have seen it
        as("leader1").get("/api/v1/tickets?limit=5").then().statusCode(200);
        assertTrue(duplicateReads() > before, "the page did not ask for its tickets' duplicates");
    }

    private long duplicateReads() throws SQLException {
        return StatementCounts.counted(dataSource, DUPLICATES).calls();
    }
}
