package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.media.MediaContract;
import io.gridloop.media.Photos;
import io.gridloop.support.Api;
import io.gridloop.support.Sql;
import io.gridloop.support.TransactionsBegun;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A filing or an action whose writes are one statement runs it alone, with no transaction begun for it
 * (TicketLedger.writes), a rating with the points it pays among them; a filing or an action that attaches uploads,
 * which are a second statement, begins one, and a refused upload leaves nothing behind.
 */
@QuarkusTest
class TicketLoopTransactionsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_loop_begins_no_transaction_and_its_rating_pays_the_handler_all_the_same() {
        // sign-ins, and the first filing of the year (its sequence is created in a transaction), may
        List.of("resident1", "leader1", "party1").forEach(Api::token);
        TicketLoopTest.file("resident1", Map.of("categoryCode", "GARBAGE", "title", "事务-先行"));
        TransactionsBegun.clear();
        JsonPath filed = as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", "事务-小区东门垃圾未清运"))
                .post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
        long id = filed.getLong("id");
        String ticket = "/api/v1/tickets/" + id;
        as("resident1").get(ticket).then().statusCode(200).body("number", equalTo(filed.getString("number")));
        TicketLoopTest.roundTheLoop(id);
        assertEquals(List.of(), TransactionsBegun.requests());
        assertEquals(List.of(Api.accountId("party1")), Sql.column(dataSource,
                "SELECT account_id FROM points_entry WHERE cause = 'TICKET_CLOSED' AND cause_ref = ? AND amount > 0", id));
    }

    @Test
    void a_staff_filing_answers_the_visitors_phone_masked_in_one_statement() {
        long grid = TicketActionsTest.gridOf("leader1");
        TransactionsBegun.clear();
        JsonPath filed = as("leader1").body(Map.of("categoryCode", "NOISE", "title", "事务-楼上装修夜间施工", "gridId", grid,
                "source", "WALK_IN", "reporterName", "王大爷", "reporterPhone", "13700001234"))
                .post("/api/v1/tickets").then().statusCode(201).body("reporter.phone", equalTo("137****1234"))
                .extract().jsonPath();
        assertEquals(List.of(), TransactionsBegun.requests());
        as("leader1").get("/api/v1/tickets/" + filed.getLong("id")).then().statusCode(200)
                .body("number", equalTo(filed.getString("number"))).body("reporter.name", equalTo("王大爷"));
    }

    @Test
    void a_filing_with_uploads_attaches_them_in_its_transaction_and_a_refused_one_leaves_nothing() {
        long theirs = MediaContract.uploaded("resident2", Photos.jpeg(21, 21, Color.GREEN));
        String title = Api.unique("事务-别人的照片-");
        TransactionsBegun.clear();
        as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", title, "attachmentIds", List.of(theirs)))
                .post("/api/v1/tickets").then().statusCode(422);
        assertEquals(List.of("POST /api/v1/tickets"), TransactionsBegun.requests());
        assertEquals(0L, Sql.count(dataSource, "SELECT count(*) FROM ticket WHERE title = ?", title));

        long mine = MediaContract.uploaded("resident1", Photos.jpeg(23, 23, Color.GREEN));
        long id = as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", title, "attachmentIds", List.of(mine)))
                .post("/api/v1/tickets").then().statusCode(201).body("attachmentIds", contains((int) mine))
                .extract().<Number> path("id").longValue();
        assertEquals(1L, Sql.count(dataSource, "SELECT count(*) FROM media WHERE id = ? AND ticket_id = ?", mine, id));
    }

    @Test
    void a_resolution_with_uploads_attaches_them_in_its_transaction_and_a_refused_one_leaves_nothing() {
        long id = TicketLoopTest.file("resident1", Map.of("categoryCode", "GARBAGE", "title", Api.unique("事务-办结附图-")));
        String ticket = "/api/v1/tickets/" + id;
        as("leader1").body(Map.of("matterClass", "MINOR")).post(ticket + "/triage").then().statusCode(200);
        as("leader1").body(Map.of("target", "POOL")).post(ticket + "/dispatch").then().statusCode(200);
        as("party1").body(Map.of()).post(ticket + "/claim").then().statusCode(200);
        int version = as("party1").body(Map.of()).post(ticket + "/start").then().statusCode(200).extract().path("version");
        long theirs = MediaContract.uploaded("party2", Photos.jpeg(25, 25, Color.GREEN));

        TransactionsBegun.clear();
        as("party1").body(Map.of("resolution", "已清运。", "attachmentIds", List.of(theirs))).post(ticket + "/resolve").then()
                .statusCode(422);
        assertEquals(List.of("POST " + ticket + "/resolve"), TransactionsBegun.requests());
        as("party1").get(ticket).then().statusCode(200).body("status", equalTo("IN_PROGRESS")).body("version", equalTo(version));
        assertEquals(0L, Sql.count(dataSource, "SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND action = 'resolve'", id));

        long mine = MediaContract.uploaded("party1", Photos.jpeg(27, 27, Color.GREEN));
        as("party1").body(Map.of("resolution", "已清运。", "attachmentIds", List.of(mine))).post(ticket + "/resolve").then()
                .statusCode(200).body("status", equalTo("RESOLVED")).body("attachmentIds", contains((int) mine));
        assertEquals(1L, Sql.count(dataSource, "SELECT count(*) FROM media WHERE id = ? AND ticket_id = ?", mine, id));
    }
}
