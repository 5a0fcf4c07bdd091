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
import io.gridloop.support.Sql;
import io.gridloop.support.StatementCounts;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A filing's answer asks neither which tickets are marked duplicates of the ticket nor which uploads it has; an
 * action's asks only when the statement that found the ticket saw some (TicketActionsTest and MediaContract check that the answer lists them
 * then), and reads no contact that statement read; its notice and the audit of the phone it shows go with its
 * change, in no statement of their own. Counted with pg_stat_statements ({@link StatementCounts}).
 */
@QuarkusTest
class TicketAnswerReadsTest {

    private static final String DUPLICATES = "SELECT t.duplicate_of, t.id FROM ticket t WHERE %";
    private static final String UPLOADS = "SELECT ticket_id, id FROM media WHERE %";
    private static final String CONTACTS = "SELECT id, name, phone FROM account WHERE id %";
    private static final String NOTIFICATIONS = "INSERT INTO notification %";
    private static final String AUDITS = "INSERT INTO audit_event (district_id, kind, at, actor_id, subject, subject_id,%";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_filing_and_an_action_on_a_ticket_without_duplicates_or_uploads_ask_for_neither() throws SQLException {
        StatementCounts.assumeCounted(dataSource);
        long duplicates = reads(DUPLICATES);
        long uploads = reads(UPLOADS);
        long id = filed("无重复-");
        assertEquals(duplicates, reads(DUPLICATES), "the filing's answer asked for the ticket's duplicates");
        assertEquals(uploads, reads(UPLOADS), "the filing's answer asked for the ticket's uploads");
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

    @Test
    void an_action_writes_its_notice_and_the_audit_of_what_its_answer_shows_with_its_change() throws SQLException {
        StatementCounts.assumeCounted(dataSource);
        long id = filed("同写-");
        long member = Api.accountId("gridmember1");
        long notices = reads(NOTIFICATIONS);
        long audits = reads(AUDITS);
        as("leader1").body(Map.of("target", "ACCOUNT", "assigneeId", member)).post("/api/v1/tickets/" + id + "/dispatch")
                .then().statusCode(200);
        as("gridmember1").body(Map.of()).post("/api/v1/tickets/" + id + "/claim").then().statusCode(200)
                .body("reporter.phone", equalTo("13900000001"));
        assertEquals(notices, reads(NOTIFICATIONS), "the dispatch's notice was a statement of its own");
        assertEquals(audits, reads(AUDITS), "the audit of the phone the claim's answer shows was a statement of its own");
        assertEquals(1L, Sql.count(dataSource,
                "SELECT count(*) FROM notification WHERE ticket_id = ? AND kind = 'DISPATCHED' AND account_id = ?", id, member),
                "the dispatch told its assignee");
        assertEquals(1L, Sql.count(dataSource, """
                SELECT count(*) FROM audit_event WHERE kind = 'PERSONAL_DATA_READ' AND subject_id = ? AND actor_id = ?
                AND request_id IS NOT NULL""", id, member), "the claim's answer showed the phone, on record");

        // a read of the ticket records its own
        as("gridmember1").get("/api/v1/tickets/" + id).then().statusCode(200).body("reporter.phone", equalTo("13900000001"));
        assertTrue(reads(AUDITS) > audits, "the read's audit entry was not written");
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
