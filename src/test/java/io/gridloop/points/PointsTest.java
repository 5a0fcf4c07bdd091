package io.gridloop.points;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.gridloop.shared.sql.Where;
import io.gridloop.ticket.ClosingAward;
import io.gridloop.ticket.TicketClosed;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Rating;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** SPEC §1.9 points: awarded by the district's rules with their cause, exactly once; a ledger whose sum is the balance. */
@QuarkusTest
class PointsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ClosingAward award;

    /** A new party member of community 1 (password "gridloop"). */
    static String member() {
        long community = as("secretary1").get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id")
                .longValue();
        String username = unique("points.");
        as("admin").body(Map.of("username", username, "password", Api.PASSWORD, "name", "积分党员",
                "roles", List.of(Map.of("role", "PARTY_MEMBER", "regionId", community)), "mustChangePassword", false))
                .post("/api/v1/accounts").then().statusCode(201);
        return username;
    }

    /** A ticket (or wish) of resident1 dispatched to the member, claimed and resolved by them; its id. */
    static long resolvedBy(String member, String kind) {
        long id = as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", unique("积分-"), "kind", kind))
                .post("/api/v1/tickets").then().statusCode(201).extract().<Number> path("id").longValue();
        handle(member, id);
        return id;
    }

    private static void handle(String member, long id) {
        String path = "/api/v1/tickets/" + id;
        as("leader1").body(Map.of("target", "ACCOUNT", "assigneeId", Api.accountId(member))).post(path + "/dispatch")
                .then().statusCode(200);
        as(member).body(Map.of()).post(path + "/claim").then().statusCode(200);
        as(member).body(Map.of("resolution", "已办好")).post(path + "/resolve").then().statusCode(200);
    }

    static Response rate(long id, String rating) {
        return as("resident1").body(Map.of("rating", rating, "solved", "SOLVED")).post("/api/v1/tickets/" + id + "/feedback");
    }

    static long balance(String username) {
        return as(username).get("/api/v1/points/balance").then().statusCode(200).extract().<Number> path("balance").longValue();
    }

    private static Map<String, Object> rules() {
        return as("admin").get("/api/v1/points/rules").then().statusCode(200).extract().path("");
    }

    private static int rule(String name) {
        return ((Number) rules().get(name)).intValue();
    }

    @Test
    void a_ticket_closed_satisfied_pays_its_handler_once_even_after_a_reopen_and_a_second_close() {
        String member = member();
        long id = resolvedBy(member, "ISSUE");
        rate(id, "DISSATISFIED").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("TRIAGED"));
        assertEquals(0, balance(member));

        handle(member, id);
        rate(id, "SATISFIED").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("CLOSED"));
        int award = rule("ticketSatisfied");
        assertEquals(award, balance(member));
        // the same cause paid again (a statement that closed it once more) pays nothing more
        long handler = Api.accountId(member);
        long district = ((Number) Sql.column(dataSource, "SELECT district_id FROM ticket WHERE id = ?", id).get(0)).longValue();
        Where.Jdbc paid = this.award.paid(new TicketClosed(id, district, Kind.ISSUE, handler, Rating.SATISFIED,
                OffsetDateTime.now()), "changed");
        assertEquals(List.of(0L), Sql.column(dataSource, "WITH changed AS (SELECT 1), " + paid.sql()
                + " SELECT count(*) FROM points_paid", paid.parameters()));
        assertEquals(award, balance(member));

        List<Map<String, Object>> ledger = as(member).get("/api/v1/points/ledger").then().statusCode(200).extract().path("items");
        assertEquals(1, ledger.size());
        assertEquals("TICKET_CLOSED", ledger.get(0).get("cause"));
        assertEquals(id, ((Number) ledger.get(0).get("ticketId")).longValue());
        assertEquals(null, ledger.get(0).get("redemptionId"));
    }

    @Test
    void basically_satisfied_pays_its_own_rule_a_confirmed_wish_the_wish_rule_and_dissatisfied_nothing() {
        String member = member();
        rate(resolvedBy(member, "ISSUE"), "BASICALLY_SATISFIED").then().statusCode(200);
        int expected = rule("ticketBasicallySatisfied");
        assertEquals(expected, balance(member));
        rate(resolvedBy(member, "WISH"), "SATISFIED").then().statusCode(200);
        expected += rule("wishConfirmed");
        assertEquals(expected, balance(member));

        List<Map<String, Object>> ledger = as(member).get("/api/v1/points/ledger").then().statusCode(200).extract().path("items");
        assertEquals(List.of("WISH_CONFIRMED", "TICKET_CLOSED"), ledger.stream().map(e -> e.get("cause")).toList());
    }

    @Test
    void the_district_admin_sets_the_rules_with_if_match_and_later_closings_pay_by_them() {
        Response current = as("admin").get("/api/v1/points/rules");
        String etag = current.header("ETag");
        Map<String, Object> changed = Map.of("ticketSatisfied", 13, "ticketBasicallySatisfied", 6, "wishConfirmed", 21,
                "volunteerHour", 4);

        Problems.problem(as("admin").body(changed).put("/api/v1/points/rules"), 428, "precondition-required");
        Problems.problem(as("admin").header("If-Match", "\"999\"").body(changed).put("/api/v1/points/rules"), 412,
                "precondition-failed");
        Problems.problem(as("secretary1").header("If-Match", etag).body(changed).put("/api/v1/points/rules"), 403, "forbidden");
        Problems.problem(as("admin").header("If-Match", etag).body(Map.of("ticketSatisfied", -1, "ticketBasicallySatisfied", 6,
                "wishConfirmed", 21, "volunteerHour", 4)).put("/api/v1/points/rules"), 400, "validation");
        Problems.problem(as("admin").header("If-Match", etag).body(Map.of("ticketSatisfied", 13)).put("/api/v1/points/rules"),
                400, "validation");
        as("admin").header("If-Match", etag).body(changed).put("/api/v1/points/rules").then().statusCode(200)
                .body("ticketSatisfied", org.hamcrest.Matchers.equalTo(13));
        Problems.problem(as("admin").header("If-Match", etag).body(changed).put("/api/v1/points/rules"), 412,
                "precondition-failed");

        String member = member();
        rate(resolvedBy(member, "ISSUE"), "SATISFIED").then().statusCode(200);
        assertEquals(13, balance(member));
    }

    @Test
    void every_balance_is_the_sum_of_its_ledger_and_the_ledger_cannot_be_changed() {
        String member = member();
        rate(resolvedBy(member, "ISSUE"), "SATISFIED").then().statusCode(200);

        assertEquals(0, Sql.count(dataSource, """
                SELECT count(*) FROM points_balance b
                  FULL JOIN (SELECT account_id, sum(amount) AS total FROM points_entry GROUP BY account_id) l
                       ON l.account_id = b.account_id
                 WHERE coalesce(b.balance, 0) <> coalesce(l.total, 0)"""));
        long account = Api.accountId(member);
        assertThrows(IllegalStateException.class,
                () -> Sql.update(dataSource, "UPDATE points_entry SET amount = 1000 WHERE account_id = ?", account));
        assertThrows(IllegalStateException.class,
                () -> Sql.update(dataSource, "DELETE FROM points_entry WHERE account_id = ?", account));
        assertThrows(IllegalStateException.class,
                () -> Sql.update(dataSource, "UPDATE points_balance SET balance = -1 WHERE account_id = ?", account));
    }

    @Test
    void points_are_the_callers_own_and_an_api_key_has_none() {
        String member = member();
        assertEquals(0, balance(member));
        as(member).get("/api/v1/points/ledger").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));
        Problems.problem(io.restassured.RestAssured.given().header("X-API-Key", "demo-open311-key")
                .get("/api/v1/points/balance"), 403, "forbidden");
        Problems.problem(Api.anonymous().get("/api/v1/points/ledger"), 401, "unauthenticated");
        Problems.problem(as(member).queryParam("cursor", "nonsense!").get("/api/v1/points/ledger"), 400, "validation");
    }
}
