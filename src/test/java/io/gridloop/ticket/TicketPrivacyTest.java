package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.ticket.TicketFixtures.file;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;

/** SPEC §1.2: a phone shown unmasked to anyone but its owner is on record, and the record cannot be changed. */
@QuarkusTest
class TicketPrivacyTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void the_handler_sees_the_reporters_phone_and_that_read_is_recorded_others_see_it_masked_and_leave_no_record() {
        long id = file("resident1", Map.of("categoryCode", "SEWER_BLOCKED", "title", "5 号楼下水道返水"));
        as("leader1").body(Map.of("target", "UNIT")).post("/api/v1/tickets/" + id + "/dispatch").then().statusCode(200);
        as("unit1").body(Map.of()).post("/api/v1/tickets/" + id + "/claim").then().statusCode(200);
        long afterClaim = reads(id, "unit1");
        assertEquals(1, afterClaim, "the claim's answer showed the phone");

        as("unit1").get("/api/v1/tickets/" + id).then().statusCode(200).body("reporter.phone", equalTo("13900000001"));
        as("unit1").queryParam("assignee", "me").get("/api/v1/tickets").then().statusCode(200);
        assertTrue(reads(id, "unit1") >= 3, "the read and the list each left a record");
        assertEquals(0L, Sql.count(dataSource,
                "SELECT count(*) FROM audit_event WHERE kind = 'PERSONAL_DATA_READ' AND subject_id = ? AND request_id IS NULL", id), "each names its request");

        as("secretary1").get("/api/v1/tickets/" + id).then().statusCode(200).body("reporter.phone", equalTo("139****0001"));
        as("resident1").get("/api/v1/tickets/" + id).then().statusCode(200).body("reporter.phone", equalTo("13900000001"));
        assertEquals(0, reads(id, "secretary1"));
        assertEquals(0, reads(id, "resident1"), "one's own phone is no one else's read");

        assertThrows(RuntimeException.class,
                () -> Sql.update(dataSource, "UPDATE audit_event SET actor_id = actor_id WHERE subject_id = ?", id));
        assertThrows(RuntimeException.class,
                () -> Sql.update(dataSource, "DELETE FROM audit_event WHERE subject_id = ?", id));
    }

    @Test
    void an_anonymous_reporter_is_named_in_the_timeline_to_no_one_but_themselves_and_the_staff() {
        Map<String, Object> body = TicketFixtures.ticket("GARBAGE", Api.unique("匿名-"));
        body.put("anonymous", true);
        long id = file("resident1", body);
        TicketFixtures.action("leader1", id, "dispatch", Map.of("target", "POOL")).then().statusCode(200);
        long reporter = Api.accountId("resident1");

        as("party1").get("/api/v1/tickets/" + id + "/timeline").then().statusCode(200)
                .body("[0].action", equalTo("file")).body("[0].actorId", equalTo(null))
                .body("[1].actorId", equalTo((int) Api.accountId("leader1")));
        as("party1").get("/api/v1/tickets/" + id).then().statusCode(200).body("reporter", equalTo(null));
        as("leader1").get("/api/v1/tickets/" + id + "/timeline").then().statusCode(200)
                .body("[0].actorId", equalTo((int) reporter));
        as("resident1").get("/api/v1/tickets/" + id + "/timeline").then().statusCode(200)
                .body("[0].actorId", equalTo((int) reporter));
    }

    @Test
    void a_resident_files_only_into_the_grid_of_the_location_or_their_home_grid() {
        long tickets = Sql.count(dataSource, "SELECT count(*) FROM ticket");
        for (long elsewhere : java.util.List.of(TicketFixtures.grid5(), TicketFixtures.grid2())) {
            Map<String, Object> body = TicketFixtures.ticket("GARBAGE", Api.unique("别处-"));
            body.put("gridId", elsewhere);
            io.gridloop.support.Problems.problem(TicketFixtures.post("resident1", body), 422, "unprocessable");
        }
        assertEquals(tickets, Sql.count(dataSource, "SELECT count(*) FROM ticket"), "nothing was filed");

        Map<String, Object> atGrid2 = TicketFixtures.ticket("GARBAGE", Api.unique("现场-"));
        atGrid2.put("gridId", TicketFixtures.grid2());
        atGrid2.put("location", TicketFixtures.location(TicketFixtures.GRID2_LAT, TicketFixtures.GRID2_LNG));
        TicketFixtures.post("resident1", atGrid2).then().statusCode(201).body("gridId", equalTo((int) TicketFixtures.grid2()));
        Map<String, Object> home = TicketFixtures.ticket("GARBAGE", Api.unique("家-"));
        home.put("gridId", TicketFixtures.grid1());
        TicketFixtures.post("resident1", home).then().statusCode(201).body("gridId", equalTo((int) TicketFixtures.grid1()));
    }

    private long reads(long ticketId, String reader) {
        return Sql.count(dataSource, """
                SELECT count(*) FROM audit_event WHERE kind = 'PERSONAL_DATA_READ'
                AND subject = 'ticket' AND subject_id = ? AND details ->> 'field' = 'reporter.phone' AND actor_id = ?""",
                ticketId, Api.accountId(reader));
    }
}
