package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.StatementCounts;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An action's answer asks which tickets are marked duplicates of the ticket, and which uploads it has, only when the
 * statement that found the ticket saw some (TicketActionsTest and MediaContract check that the answer lists them
 * then), and reads no contact that statement read. Counted with pg_stat_statements ({@link StatementCounts}).
 */
@QuarkusTest
class TicketAnswerReadsTest {

    private static final String DUPLICATES = "SELECT t.duplicate_of, t.id FROM ticket t WHERE %";
    private static final String UPLOADS = "SELECT ticket_id, id FROM media WHERE %";
    private static final String CONTACTS = "SELECT id, name, phone FROM account WHERE id %";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void an_action_on_a_ticket_without_duplicates_or_uploads_asks_for_neither() throws SQLException {
        StatementCounts.assumeCounted(dataSource);
        long id = filed("无重复-");
        long duplicates = reads(DUPLICATES);
        long uploads = reads(UPLOADS);
        as("leader1").body(Map.of("matterClass", "MINOR")).post("/api/v1/tickets/" + id + "/triage").then().statusCode(200)
                .body("duplicates", empty()).body("attachmentIds", empty());
        assertEquals(duplicates, reads(DUPLICATES), "the triage's answer asked for the ticket's duplicates");
        assertEquals(uploads, reads(UPLOADS), "the triage's answer asked for the ticket's uploads");

        // a page of tickets still asks: the counts above could have seen them
        as("leader1").get("/api/v1/tickets?limit=5").then().statusCode(200);
        assertTrue(reads(DUPLICATES) > duplicates, "the page did not ask for its tickets' duplicates");
        assertTrue(reads(UPLOADS) > uploads, "the page did not ask for its tickets' uploads");
    }

    @Test
    void an_action_answer_shows_the_people_its_find_read_and_reads_only_someone_new() throws SQLException {
        StatementCounts.assumeCounted(dataSource);
        long id = filed("联系人同读-");
        long contacts = reads(CONTACTS);
        as("leader1").body(Map.of("matterClass", "MINOR")).post("/api/v1/tickets/" + id + "/triage").then().statusCode(200)
                .body("reporter.name", equalTo("黄丽娟"));
        assertEquals(contacts, reads(CONTACTS), "the triage's answer read the reporter's contact again");

        // the dispatch gives the ticket an assignee its find did not read: the answer reads that one
        as("leader1").body(Map.of("target", "ACCOUNT", "assigneeId", Api.accountId("gridmember1")))
                .post("/api/v1/tickets/" + id + "/dispatch").then().statusCode(200).body("reporter.name", equalTo("黄丽娟"))
                .body("assignee.name", notNullValue());
        long dispatched = reads(CONTACTS);
        assertTrue(dispatched > contacts, "the dispatch's answer did not read its new assignee");
        as("secretary1").body(Map.of("level", "YELLOW")).post("/api/v1/tickets/" + id + "/supervise").then().statusCode(200)
                .body("assignee.name", notNullValue());
        assertEquals(dispatched, reads(CONTACTS), "the supervision's answer read the assignee's contact again");
    }

    /** A ticket resident1 files: neither duplicated nor with uploads, the reporter's contact the caller's own. */
    private static long filed(String title) {
        return as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", unique(title))).post("/api/v1/tickets").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    private long reads(String statement) throws SQLException {
        return StatementCounts.counted(dataSource, statement).calls();
    }
}
