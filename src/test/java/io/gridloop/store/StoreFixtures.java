package io.gridloop.store;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.gridloop.support.Api;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The store tests' steps, over HTTP as the demo district's accounts (RestAssured's port unless a request
 * says otherwise): members of community 1 who earned points, items on its shelf, redemptions, and the
 * rush on an item's last pieces with what must hold after it.
 */
final class StoreFixtures {

    private StoreFixtures() {
    }

    static long community1() {
        return as("secretary1").get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id").longValue();
    }

    /** A new party member of community 1 who earned points by one ticket closed SATISFIED; their username. */
    static String memberWithPoints() {
        String username = unique("store.");
        as("admin").body(Map.of("username", username, "password", Api.PASSWORD, "name", "兑换党员",
                "roles", List.of(Map.of("role", "PARTY_MEMBER", "regionId", community1())), "mustChangePassword", false))
                .post("/api/v1/accounts").then().statusCode(201);
        long id = as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", unique("挣积分-")))
                .post("/api/v1/tickets").then().statusCode(201).extract().<Number> path("id").longValue();
        String path = "/api/v1/tickets/" + id;
        as("leader1").body(Map.of("target", "ACCOUNT", "assigneeId", Api.accountId(username))).post(path + "/dispatch")
                .then().statusCode(200);
        as(username).body(Map.of()).post(path + "/claim").then().statusCode(200);
        as(username).body(Map.of("resolution", "已办好")).post(path + "/resolve").then().statusCode(200);
        as("resident1").body(Map.of("rating", "SATISFIED", "solved", "SOLVED")).post(path + "/feedback").then().statusCode(200);
        return username;
    }

    /** As many {@link #memberWithPoints()}, signed in, each with the same balance. */
    static List<String> membersWithPoints(int count) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(memberWithPoints());
        }
        members.forEach(Api::token);
        long points = balance(members.get(0));
        for (String member : members) {
            assertEquals(points, balance(member), member);
        }
        return members;
    }

    static long balance(String username) {
        return balance(as(username));
    }

    static long balance(RequestSpecification member) {
        return member.get("/api/v1/points/balance").then().statusCode(200).extract().<Number> path("balance").longValue();
    }

    static Response createItem(String username, long community, int price, int stock) {
        return as(username).body(Map.of("communityId", community, "name", unique("大米-"), "description", "5kg 装", "price", price,
                "stock", stock)).post("/api/v1/store/items");
    }

    /** A new item on community 1's shelf; its id. */
    static long item(int price, int stock) {
        return createItem("secretary1", community1(), price, stock).then().statusCode(201).extract().<Number> path("id")
                .longValue();
    }

    static Response redeem(String username, long item, int quantity) {
        return redeem(as(username), item, quantity);
    }

    static Response redeem(RequestSpecification member, long item, int quantity) {
        return member.header("Idempotency-Key", unique("redeem-")).body(Map.of("itemId", item, "quantity", quantity))
                .post("/api/v1/store/redemptions");
    }

    static long stock(DataSource database, long item) {
        return Sql.count(database, "SELECT stock FROM store_item WHERE id = ?", item);
    }

    /**
     * What must hold after the rush on an item's last pieces, one piece a request, by members who could each
     * afford one at this price ({@code redeemers.get(i)} made request i): exactly as many redemptions as
     * there were pieces, each answered 201, and every other request a 409 problem (out of stock or
     * insufficient points); none left, no member with two, each winner's balance spent and each other
     * member's untouched; and over the whole database no balance below zero and each the sum of its ledger.
     */
    static void assertLastPiecesSettled(long item, int pieces, long price, List<String> redeemers, List<Response> responses,
            DataSource database) {
        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertEquals(pieces, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(responses.size() - pieces, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        for (Response refused : responses.stream().filter(r -> r.statusCode() == 409).toList()) {
            String type = refused.jsonPath().getString("type");
            Problems.problem(refused, 409, type.endsWith("out-of-stock") ? "out-of-stock" : "insufficient-points");
        }
        assertEquals(0, stock(database, item));
        assertEquals(pieces, Sql.count(database, "SELECT count(*) FROM store_redemption WHERE item_id = ?", item));
        Map<String, Integer> wins = new HashMap<>();
        for (int i = 0; i < responses.size(); i++) {
            if (statuses.get(i) == 201) {
                wins.merge(redeemers.get(i), 1, Integer::sum);
            }
        }
        for (String member : redeemers.stream().distinct().toList()) {
            assertThat(member, wins.getOrDefault(member, 0), lessThanOrEqualTo(1));
            assertEquals(wins.containsKey(member) ? 0 : price, balance(member), member);
        }
        assertEquals(0, Sql.count(database, "SELECT count(*) FROM points_balance WHERE balance < 0"));
        assertEquals(0, Sql.count(database, """
                SELECT count(*) FROM points_balance b
                  FULL JOIN (SELECT account_id, sum(amount) AS total FROM points_entry GROUP BY account_id) l
                       ON l.account_id = b.account_id
                 WHERE coalesce(b.balance, 0) <> coalesce(l.total, 0)"""));
    }
}
