package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.gridloop.ticket.TicketFixtures.action;
import static io.gridloop.ticket.TicketFixtures.file;
import static io.gridloop.ticket.TicketFixtures.ticket;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** SPEC §1.4: every change writes one timeline event in its own transaction, and the timeline is append-only. */
@QuarkusTest
class TicketTimelineTest {

    @Inject
    AgroalDataSource dataSource;

    private long events(long id) {
        return Sql.count(dataSource, "SELECT count(*) FROM ticket_event WHERE ticket_id = ?", id);
    }

    private List<Object> ticketRow(long id) {
        return Sql.column(dataSource, "SELECT status || '/' || version || '/' || updated_at FROM ticket WHERE id = ?", id);
    }

    /**
     * The ticket's last event: this action, from and to these states, written at the ticket's update time
     * and at the time the action gave the ticket (dispatched, claimed, resolved, verified, closed at): one
     * reading of the clock, not two a few microseconds apart (the real clock runs in this test).
     */
    private void lastEvent(long id, String action, String from, String to) {
        List<Object> last = Sql.column(dataSource, """
                SELECT e.action || '|' || coalesce(e.from_status, '-') || '|' || e.to_status || '|'
                       || (e.created_at = t.updated_at AND e.created_at = coalesce(CASE
                              WHEN e.action = 'dispatch' THEN t.dispatched_at
                              WHEN e.action = 'claim' THEN t.claimed_at
                              WHEN e.action = 'resolve' THEN t.resolved_at
                              WHEN e.action = 'verify' AND e.to_status = 'RESOLVED' THEN t.verified_at
                              WHEN e.to_status IN ('CLOSED', 'CANCELLED', 'REJECTED') THEN t.closed_at END, e.created_at))
                FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id
                WHERE e.ticket_id = ? ORDER BY e.id DESC LIMIT 1""", id);
        assertEquals(List.of(action + "|" + from + "|" + to + "|true"), last);
    }

    /** Runs the action, expects it to succeed and to add exactly one event. */
    private void acts(String username, long id, String action, Map<String, Object> body, String event, String from, String to) {
        long before = events(id);
        action(username, id, action, body).then().statusCode(200).body("status", equalTo(to));
        assertEquals(before + 1, events(id), action + " by " + username);
        lastEvent(id, event, from, to);
    }

    /** Runs the action, expects it refused with this status, and the ticket and its timeline untouched. */
    private void refused(String username, long id, String action, Map<String, Object> body, int status, String kind) {
        long before = events(id);
        List<Object> row = ticketRow(id);
        Problems.problem(action(username, id, action, body), status, kind);
        assertEquals(before, events(id), action + " by " + username + " wrote an event");
        assertEquals(row, ticketRow(id), action + " by " + username + " changed the ticket");
    }

    @Test
    void every_action_writes_exactly_one_event_and_a_refused_one_writes_none() {
        long id = file("resident1", ticket("STREETLIGHT", unique("时间线-")));
        assertEquals(1, events(id));
        lastEvent(id, "file", "-", "SUBMITTED");

        refused("resident1", id, "triage", Map.of("matterClass", "MINOR"), 403, "forbidden");
        refused("leader1", id, "claim", Map.of(), 409, "invalid-transition");
        refused("leader1", id, "triage", Map.of("matterClass", "TINY"), 400, "validation");
        refused("leader1", id, "triage", Map.of("matterClass", "MINOR", "categoryCode", "NO_SUCH"), 422, "unprocessable");
        acts("leader1", id, "triage", Map.of("matterClass", "MINOR", "note", "社区处理"), "triage", "SUBMITTED", "TRIAGED");
        refused("leader1", id, "triage", Map.of("matterClass", "MINOR"), 409, "invalid-transition");
        refused("leader1", id, "dispatch", Map.of("target", "ACCOUNT", "assigneeId", 999_999), 400, "validation");
        acts("leader1", id, "dispatch", Map.of("target", "POOL"), "dispatch", "TRIAGED", "DISPATCHED");
        refused("leader1", id, "cancel", Map.of(), 403, "forbidden");
        refused("party1", id, "start", Map.of(), 403, "forbidden");
        acts("party1", id, "claim", Map.of(), "claim", "DISPATCHED", "CLAIMED");
        refused("party2", id, "claim", Map.of(), 409, "invalid-transition");
        refused("gridmember1", id, "claim", Map.of(), 409, "invalid-transition");
        refused("party1", id, "claim", Map.of(), 409, "invalid-transition");
        refused("resident1", id, "cancel", Map.of(), 409, "invalid-transition");
        acts("party1", id, "start", Map.of(), "start", "CLAIMED", "IN_PROGRESS");
        refused("party1", id, "notes", Map.of("text", ""), 400, "validation");
        acts("party1", id, "notes", Map.of("text", "已联系物业"), "note", "IN_PROGRESS", "IN_PROGRESS");
        acts("party1", id, "resolve", Map.of("resolution", "已更换灯泡"), "resolve", "IN_PROGRESS", "RESOLVED");
        // street lights need the leader's verification before the resident is asked
        refused("resident1", id, "feedback", Map.of("rating", "SATISFIED", "solved", "SOLVED"), 409, "invalid-transition");
        refused("party1", id, "verify", Map.of("passed", true), 403, "forbidden");
        acts("leader1", id, "verify", Map.of("passed", false, "note", "灯仍不亮"), "verify", "RESOLVED", "IN_PROGRESS");
        acts("party1", id, "resolve", Map.of("resolution", "更换了镇流器"), "resolve", "IN_PROGRESS", "RESOLVED");
        acts("leader1", id, "verify", Map.of("passed", true), "verify", "RESOLVED", "RESOLVED");
        refused("resident2", id, "feedback", Map.of("rating", "SATISFIED", "solved", "SOLVED"), 404, "not-found");
        acts("resident1", id, "feedback", Map.of("rating", "SATISFIED", "solved", "SOLVED"), "feedback", "RESOLVED", "CLOSED");
        refused("resident1", id, "feedback", Map.of("rating", "SATISFIED", "solved", "SOLVED"), 409, "invalid-transition");
        refused("resident1", id, "cancel", Map.of(), 409, "invalid-transition");
        refused("leader1", id, "reject", Map.of("reason", "INVALID"), 409, "invalid-transition");

        List<String> timeline = as("resident1").get("/api/v1/tickets/" + id + "/timeline").then().statusCode(200)
                .extract().jsonPath().getList("action", String.class);
        assertEquals(List.of("file", "triage", "dispatch", "claim", "start", "note", "resolve", "verify", "resolve", "verify",
                "feedback"), timeline);
        assertEquals(timeline.size(), events(id));
    }

    @Test
    void release_cancel_and_reject_each_write_one_event() {
        long released = file("resident1", ticket("GARBAGE", unique("退回-")));
        acts("leader1", released, "dispatch", Map.of("target", "POOL"), "dispatch", "SUBMITTED", "DISPATCHED");
        acts("party2", released, "claim", Map.of(), "claim", "DISPATCHED", "CLAIMED");
        refused("party2", released, "release", Map.of(), 400, "validation");
        acts("party2", released, "release", Map.of("reason", "不在服务范围"), "release", "CLAIMED", "TRIAGED");
        acts("resident1", released, "cancel", Map.of("reason", "已自行解决"), "cancel", "TRIAGED", "CANCELLED");

        long rejected = file("resident1", ticket("GARBAGE", unique("驳回-")));
        refused("leader1", rejected, "reject", Map.of("reason", "DUPLICATE"), 400, "validation");
        acts("leader1", rejected, "reject", Map.of("reason", "DUPLICATE", "duplicateOf", released), "reject", "SUBMITTED",
                "REJECTED");
        assertEquals(5, events(released));
        assertEquals(2, events(rejected));
    }

    /**
     * The change and its event commit together: when writing the event fails (a trigger planted for
     * one note only), the triage itself is rolled back.
     */
    @Test
    void a_change_whose_event_cannot_be_written_is_rolled_back() {
        long id = file("resident1", ticket("GARBAGE", unique("原子-")));
        String poison = unique("poison-");
        List<Object> row = ticketRow(id);
        Sql.update(dataSource, """
                CREATE FUNCTION test_refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.note = '%s' THEN RAISE EXCEPTION 'event refused by the test'; END IF;
                    RETURN NEW;
                END $$""".formatted(poison));
        try {
            Sql.update(dataSource, "CREATE TRIGGER test_refuse_event BEFORE INSERT ON ticket_event "
                    + "FOR EACH ROW EXECUTE FUNCTION test_refuse_event()");

            Response response = action("leader1", id, "triage", Map.of("matterClass", "MINOR", "note", poison));

            Problems.problem(response, 500, "internal");
            assertEquals(1, events(id));
            assertEquals(row, ticketRow(id));
        } finally {
            Sql.update(dataSource, "DROP TRIGGER IF EXISTS test_refuse_event ON ticket_event");
            Sql.update(dataSource, "DROP FUNCTION test_refuse_event()");
        }
        acts("leader1", id, "triage", Map.of("matterClass", "MINOR", "note", poison), "triage", "SUBMITTED", "TRIAGED");
    }

    @Test
    void the_timeline_cannot_be_updated_deleted_or_truncated_in_the_database() throws Exception {
        long id = file("resident1", ticket("GARBAGE", unique("只增-")));
        action("leader1", id, "triage", Map.of("matterClass", "MINOR", "note", "原始备注")).then().statusCode(200);
        long total = Sql.count(dataSource, "SELECT count(*) FROM ticket_event");
        List<Object> notes = Sql.column(dataSource, "SELECT coalesce(note, '') FROM ticket_event WHERE ticket_id = ? ORDER BY id", id);

        for (String statement : List.of(
                "UPDATE ticket_event SET note = 'x' WHERE ticket_id = " + id,
                "UPDATE ticket_event SET note = 'x'",
                "DELETE FROM ticket_event WHERE ticket_id = " + id,
                "DELETE FROM ticket_event",
                "TRUNCATE ticket_event",
                "DELETE FROM ticket WHERE id = " + id)) {
            try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
                assertThrows(SQLException.class, () -> sql.execute(statement), statement);
            }
            assertEquals(total, Sql.count(dataSource, "SELECT count(*) FROM ticket_event"), statement);
            assertEquals(notes, Sql.column(dataSource,
                    "SELECT coalesce(note, '') FROM ticket_event WHERE ticket_id = ? ORDER BY id", id), statement);
        }
    }

    /** Each action's facts are typed fields of its event; the note keeps only what the person wrote. */
    @Test
    void the_timeline_carries_each_actions_facts_as_fields_and_the_note_only_what_a_person_wrote() {
        long id = file("resident1", ticket("STREETLIGHT", unique("事实-")));
        action("leader1", id, "triage", Map.of("matterClass", "MINOR", "priority", "HIGH", "note", "社区处理")).then().statusCode(200);
        action("leader1", id, "dispatch", Map.of("target", "POOL")).then().statusCode(200);
        action("secretary1", id, "supervise", Map.of("level", "YELLOW", "note", "尽快")).then().statusCode(200);
        action("party1", id, "claim", Map.of()).then().statusCode(200);
        action("party1", id, "resolve", Map.of("resolution", "已更换灯泡")).then().statusCode(200);
        action("leader1", id, "verify", Map.of("passed", true)).then().statusCode(200);
        action("resident1", id, "feedback", Map.of("rating", "BASICALLY_SATISFIED", "solved", "PARTLY", "comment", "还行"))
                .then().statusCode(200);
        long duplicate = file("resident1", ticket("STREETLIGHT", unique("重复-")));
        action("leader1", duplicate, "reject", Map.of("reason", "DUPLICATE", "duplicateOf", id, "note", "同一盏灯")).then()
                .statusCode(200);

        JsonPath timeline = as("resident1").get("/api/v1/tickets/" + id + "/timeline").then().statusCode(200).extract().jsonPath();
        assertEquals("MINOR", timeline.getString("find { it.action == 'triage' }.triage.matterClass"));
        assertEquals("HIGH", timeline.getString("find { it.action == 'triage' }.triage.priority"));
        assertEquals("STREETLIGHT", timeline.getString("find { it.action == 'triage' }.triage.categoryCode"));
        assertEquals("社区处理", timeline.getString("find { it.action == 'triage' }.note"));
        assertEquals("POOL", timeline.getString("find { it.action == 'dispatch' }.dispatch.target"));
        assertNotNull(timeline.getString("find { it.action == 'dispatch' }.dispatch.resolutionDueAt"));
        assertEquals("YELLOW", timeline.getString("find { it.action == 'supervise' }.supervision.level"));
        assertEquals("尽快", timeline.getString("find { it.action == 'supervise' }.note"));
        assertEquals(true, timeline.getBoolean("find { it.action == 'verify' }.verification.passed"));
        assertNull(timeline.getString("find { it.action == 'verify' }.note"));
        assertEquals("BASICALLY_SATISFIED", timeline.getString("find { it.action == 'feedback' }.feedback.rating"));
        assertEquals("PARTLY", timeline.getString("find { it.action == 'feedback' }.feedback.solved"));
        assertEquals("还行", timeline.getString("find { it.action == 'feedback' }.note"));
        assertNull(timeline.get("find { it.action == 'claim' }.feedback"));
        JsonPath rejected = as("leader1").get("/api/v1/tickets/" + duplicate + "/timeline").then().statusCode(200).extract()
                .jsonPath();
        assertEquals("DUPLICATE", rejected.getString("find { it.action == 'reject' }.rejection.reason"));
        assertEquals(id, rejected.getLong("find { it.action == 'reject' }.rejection.duplicateOf"));
        assertEquals("同一盏灯", rejected.getString("find { it.action == 'reject' }.note"));
    }

    /**
     * Events written before the timeline was typed kept their facts in the note; V8 moves them into
     * their fields. Replayed here on rows in the old shape, in a transaction that is rolled back.
     */
    @Test
    void the_migration_moves_the_facts_of_earlier_events_out_of_their_notes() throws Exception {
        long id = file("resident1", ticket("GARBAGE", unique("迁移-")));
        String migration = new String(getClass().getResourceAsStream("/db/migration/V8__typed_timeline.sql").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        String rewrite = migration.substring(migration.indexOf("ALTER TABLE ticket_event DISABLE TRIGGER"));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                String insert = "INSERT INTO ticket_event (id, ticket_id, district_id, action, from_status, to_status, note) "
                        + "SELECT nextval('ticket_event_seq'), id, district_id, '%s', 'RESOLVED', 'RESOLVED', '%s' FROM ticket "
                        + "WHERE id = " + id;
                sql.executeUpdate(insert.formatted("feedback", "DISSATISFIED/UNSOLVED: 没修好"));
                sql.executeUpdate(insert.formatted("verify", "failed: 灯仍不亮"));
                sql.executeUpdate(insert.formatted("supervise", "RED"));
                sql.executeUpdate(insert.formatted("remind", "RESOLUTION 2026-12-01 10:00:00+08"));
                sql.execute(rewrite);
                try (ResultSet rows = sql.executeQuery("SELECT action, details::text, note FROM ticket_event WHERE ticket_id = "
                        + id + " AND action <> 'file' ORDER BY id")) {
                    List<String> migrated = new java.util.ArrayList<>();
                    while (rows.next()) {
                        migrated.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
                    }
                    assertEquals(List.of(
                            "feedback {\"rating\": \"DISSATISFIED\", \"solved\": \"UNSOLVED\"} 没修好",
                            "verify {\"passed\": false} 灯仍不亮",
                            "supervise {\"level\": \"RED\"} null",
                            "remind {\"dueAt\": \"2026-12-01T02:00:00.000000Z\", \"deadline\": \"RESOLUTION\"} null"), migrated);
                }
            } finally {
                connection.rollback();
            }
        }
    }
}
