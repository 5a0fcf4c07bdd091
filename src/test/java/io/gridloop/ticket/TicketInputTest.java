package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.gridloop.ticket.TicketFixtures.GRID2_LAT;
import static io.gridloop.ticket.TicketFixtures.GRID2_LNG;
import static io.gridloop.ticket.TicketFixtures.account;
import static io.gridloop.ticket.TicketFixtures.action;
import static io.gridloop.ticket.TicketFixtures.community1;
import static io.gridloop.ticket.TicketFixtures.file;
import static io.gridloop.ticket.TicketFixtures.grid1;
import static io.gridloop.ticket.TicketFixtures.grid2;
import static io.gridloop.ticket.TicketFixtures.location;
import static io.gridloop.ticket.TicketFixtures.post;
import static io.gridloop.ticket.TicketFixtures.ticket;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * What a filing must be (SPEC §1.4, §2a), where it lands, and what a refused one leaves behind:
 * nothing, neither a ticket row nor a timeline event.
 */
@QuarkusTest
class TicketInputTest {

    @Inject
    AgroalDataSource dataSource;

    /** Sends the request and asserts that neither a ticket nor an event was written. */
    private Response refusedWithoutTrace(Supplier<Response> request) {
        long tickets = Sql.count(dataSource, "SELECT count(*) FROM ticket");
        long events = Sql.count(dataSource, "SELECT count(*) FROM ticket_event");
        Response response = request.get();
        assertEquals(tickets, Sql.count(dataSource, "SELECT count(*) FROM ticket"), "a refused request wrote a ticket");
        assertEquals(events, Sql.count(dataSource, "SELECT count(*) FROM ticket_event"), "a refused request wrote an event");
        return response;
    }

    private List<String> invalidFields(String username, Map<String, Object> body) {
        JsonPath problem = Problems.problem(refusedWithoutTrace(() -> post(username, body)), 400, "validation");
        return problem.getList("violations.field", String.class);
    }

    private void unprocessable(String username, Map<String, Object> body) {
        Problems.problem(refusedWithoutTrace(() -> post(username, body)), 422, "unprocessable");
    }

    @Test
    void an_empty_or_overlong_title_is_400_on_title() {
        for (String title : List.of("", "   ", "路".repeat(101), "x".repeat(101))) {
            List<String> fields = invalidFields("resident1", ticket("GARBAGE", title));
            assertThat(title, fields, hasItem("title"));
            assertThat(title, fields, everyItem(equalTo("title")));
        }
        file("resident1", ticket("GARBAGE", "路".repeat(100)));
    }

    @Test
    void a_description_over_4000_characters_is_400_on_description() {
        Map<String, Object> body = ticket("GARBAGE", unique("长描述-"));
        body.put("description", "描".repeat(4001));
        assertEquals(List.of("description"), invalidFields("resident1", body));

        body.put("description", "描".repeat(4000));
        file("resident1", body);
    }

    @Test
    void control_characters_in_the_title_are_400() {
        for (String control : List.of("\u0000", "\u0007", "\u001b", "\n", "\u007f")) {
            assertEquals(List.of("title"), invalidFields("resident1", ticket("GARBAGE", "路灯" + control + "不亮")),
                    "U+" + Integer.toHexString(control.charAt(0)));
        }
        Map<String, Object> body = ticket("GARBAGE", unique("描述里的零字符-"));
        body.put("description", "第一行\u0000第二行");
        assertEquals(List.of("description"), invalidFields("resident1", body));
    }

    @Test
    void a_latitude_or_longitude_out_of_range_is_400_on_that_field() {
        Map<String, Object> body = ticket("GARBAGE", unique("坐标-"));
        body.put("location", location(91, 120.1));
        assertEquals(List.of("location.lat"), invalidFields("resident1", body));
        body.put("location", location(-90.5, 120.1));
        assertEquals(List.of("location.lat"), invalidFields("resident1", body));
        body.put("location", location(30.2, 181));
        assertEquals(List.of("location.lng"), invalidFields("resident1", body));
        body.put("location", location(30.2, -180.01));
        assertEquals(List.of("location.lng"), invalidFields("resident1", body));
    }

    @Test
    void an_unknown_category_is_422() {
        unprocessable("resident1", ticket("NO_SUCH_CATEGORY", unique("未知分类-")));
    }

    @Test
    void a_grid_that_does_not_exist_or_is_not_a_grid_is_422() {
        for (long gridId : List.of(999_999L, community1(), -1L)) {
            Map<String, Object> body = ticket("GARBAGE", unique("未知网格-"));
            body.put("gridId", gridId);
            unprocessable("resident1", body);
            unprocessable("gridmember1", body);
        }
    }

    @Test
    void a_resident_without_a_home_grid_filing_outside_every_grid_is_422() {
        String homeless = account("nohome", "RESIDENT", null);
        Map<String, Object> body = ticket("GARBAGE", unique("无网格-"));
        body.put("location", location(31.5, 121.5));
        unprocessable(homeless, body);

        body.remove("location");
        unprocessable(homeless, body);

        body.put("location", location(GRID2_LAT, GRID2_LNG));
        as(homeless).body(body).post("/api/v1/tickets").then().statusCode(201).body("gridId", equalTo((int) grid2()));
    }

    @Test
    void a_body_over_one_mebibyte_is_413() {
        Map<String, Object> body = ticket("GARBAGE", unique("超大-"));
        body.put("description", "x".repeat(1100 * 1024));
        Problems.problem(refusedWithoutTrace(() -> post("resident1", body)), 413, "payload-too-large");
    }

    @Test
    void an_unknown_field_in_a_filing_or_an_action_is_400_and_changes_nothing() {
        Map<String, Object> body = ticket("GARBAGE", unique("多余字段-"));
        body.put("status", "CLOSED");
        assertEquals(List.of("status"), invalidFields("resident1", body));

        long id = file("resident1", ticket("GARBAGE", unique("分流-")));
        Response response = refusedWithoutTrace(() -> action("leader1", id, "triage", Map.of("matterClass", "MINOR", "evil", 1)));
        assertEquals(List.of("evil"), Problems.problem(response, 400, "validation").getList("violations.field", String.class));
        as("leader1").get("/api/v1/tickets/" + id).then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("matterClass", equalTo(null)).body("version", equalTo(0));
    }

    @Test
    void a_resident_filing_inside_grid_two_without_a_grid_lands_in_grid_two_not_the_home_grid() {
        Map<String, Object> body = ticket("GARBAGE", unique("第二网格-"));
        body.put("location", location(GRID2_LAT, GRID2_LNG));

        long id = file("resident1", body);

        assertEquals(List.of(grid2()), Sql.column(dataSource, "SELECT grid_id FROM ticket WHERE id = ?", id));
        as("resident1").get("/api/v1/tickets/" + id).then().statusCode(200).body("gridId", equalTo((int) grid2()));
    }

    @Test
    void a_resident_filing_without_a_location_lands_in_the_home_grid() {
        long id = file("resident1", ticket("GARBAGE", unique("无位置-")));

        as("resident1").get("/api/v1/tickets/" + id).then().statusCode(200).body("gridId", equalTo((int) grid1()));
    }

    @Test
    void a_resident_filing_at_a_location_outside_every_grid_lands_in_the_home_grid() {
        Map<String, Object> body = ticket("GARBAGE", unique("区外-"));
        body.put("location", location(31.5, 121.5));

        as("resident1").body(body).post("/api/v1/tickets").then().statusCode(201).body("gridId", equalTo((int) grid1()));
    }
}
