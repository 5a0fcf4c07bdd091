package io.gridloop.store;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** SPEC §1.9 points store: stock and balance never negative, redemptions idempotent, cancellation gives everything back. */
@QuarkusTest
class StoreTest {

    @Inject
    AgroalDataSource dataSource;

    private static long community1() {
        return as("secretary1").get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id").longValue();
    }

    /** A new party member of community 1 who earned points by one ticket closed SATISFIED; their username. */
    private static String memberWithPoints() {
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

    private static long balance(String username) {
        return as(username).get("/api/v1/points/balance").then().statusCode(200).extract().<Number> path("balance").longValue();
    }

    private static Response createItem(String username, long community, int price, int stock) {
        return as(username).body(Map.of("communityId", community, "name", unique("大米-"), "description", "5kg 装", "price", price,
                "stock", stock)).post("/api/v1/store/items");
    }

    private static long item(int price, int stock) {
        return createItem("secretary1", community1(), price, stock).then().statusCode(201).extract().<Number> path("id")
                .longValue();
    }

    private static Response redeem(String username, long item, int quantity) {
        return as(username).header("Idempotency-Key", unique("redeem-")).body(Map.of("itemId", item, "quantity", quantity))
                .post("/api/v1/store/redemptions");
    }

    private long stock(long item) {
        return Sql.count(dataSource, "SELECT stock FROM store_item WHERE id = ?", item);
    }

    @Test
    void fifty_concurrent_redemptions_of_the_last_ten_items_by_twenty_members_with_barely_enough_points() throws Exception {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            members.add(memberWithPoints());
        }
        members.forEach(Api::token);
        int price = (int) balance(members.get(0));
        for (String member : members) {
            assertEquals(price, balance(member), "each can afford exactly one");
        }
        long item = item(price, 10);

        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Response> responses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> pending = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String member = members.get(i % members.size());
                pending.add(pool.submit(() -> {
                    start.await();
                    return redeem(member, item, 1);
                }));
            }
            start.countDown();
            for (Future<Response> response : pending) {
                responses.add(response.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertEquals(10, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(40, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        for (Response refused : responses.stream().filter(r -> r.statusCode() == 409).toList()) {
            String type = refused.jsonPath().getString("type");
            Problems.problem(refused, 409, type.endsWith("out-of-stock") ? "out-of-stock" : "insufficient-points");
        }
        assertEquals(0, stock(item));
        assertEquals(10, Sql.count(dataSource, "SELECT count(*) FROM store_redemption WHERE item_id = ?", item));
        Map<String, Integer> wins = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            if (statuses.get(i) == 201) {
                wins.merge(members.get(i % members.size()), 1, Integer::sum);
            }
        }
        for (String member : members) {
            long left = balance(member);
            assertEquals(wins.getOrDefault(member, 0) == 1 ? 0 : price, left, member);
            assertThat(wins.getOrDefault(member, 0), lessThanOrEqualTo(1));
        }
        assertEquals(0, Sql.count(dataSource, "SELECT count(*) FROM points_balance WHERE balance < 0"));
        assertEquals(0, Sql.count(dataSource, """
                SELECT count(*) FROM points_balance b
                  FULL JOIN (SELECT account_id, sum(amount) AS total FROM points_entry GROUP BY account_id) l
                       ON l.account_id = b.account_id
                 WHERE coalesce(b.balance, 0) <> coalesce(l.total, 0)"""));
    }

    @Test
    void a_redemption_retried_with_its_key_is_made_and_charged_once() {
        String member = memberWithPoints();
        long price = balance(member);
        long item = item((int) price, 3);
        String key = unique("retry-");
        Response first = as(member).header("Idempotency-Key", key).body(Map.of("itemId", item, "quantity", 1))
                .post("/api/v1/store/redemptions");
        first.then().statusCode(201).header("Location", endsWith("/api/v1/store/redemptions/" + first.path("id")));
        as(member).header("Idempotency-Key", key).body(Map.of("itemId", item, "quantity", 1)).post("/api/v1/store/redemptions")
                .then().statusCode(201).body("id", equalTo(first.<Integer> path("id")));
        assertEquals(0, balance(member));
        assertEquals(2, stock(item));
        Problems.problem(as(member).header("Idempotency-Key", key).body(Map.of("itemId", item, "quantity", 2))
                .post("/api/v1/store/redemptions"), 422, "idempotency-key-reused");
    }

    @Test
    void not_enough_points_or_stock_is_409_and_changes_nothing() {
        String member = memberWithPoints();
        long price = balance(member);
        long dear = item((int) price + 1, 5);
        Problems.problem(redeem(member, dear, 1), 409, "insufficient-points");
        assertEquals(5, stock(dear));
        assertEquals(price, balance(member));
        long scarce = item(1, 2);
        Problems.problem(redeem(member, scarce, 3), 409, "out-of-stock");
        assertEquals(2, stock(scarce));
        assertEquals(price, balance(member));
        Problems.problem(redeem(member, scarce, 0), 400, "validation");
        Problems.problem(as(member).header("Idempotency-Key", unique("k")).body(Map.of("itemId", scarce))
                .post("/api/v1/store/redemptions"), 400, "validation");
    }

    @Test
    void fulfilment_by_the_admin_and_cancellation_returning_points_and_stock() {
        String member = memberWithPoints();
        long price = balance(member);
        long item = item((int) price, 4);
        long fulfilled = redeem(member, item, 1).then().statusCode(201).extract().<Number> path("id").longValue();

        Problems.problem(as(member).post("/api/v1/store/redemptions/" + fulfilled + "/fulfil"), 403, "forbidden");
        Problems.problem(as("party1").post("/api/v1/store/redemptions/" + fulfilled + "/cancel"), 404, "not-found");
        as("secretary1").post("/api/v1/store/redemptions/" + fulfilled + "/fulfil").then().statusCode(200)
                .body("status", equalTo("FULFILLED"));
        Problems.problem(as(member).post("/api/v1/store/redemptions/" + fulfilled + "/cancel"), 409, "invalid-transition");
        assertEquals(3, stock(item));

        // the member earns again and calls the second one off
        String again = memberWithPoints();
        long cancelled = redeem(again, item, 1).then().statusCode(201).extract().<Number> path("id").longValue();
        assertEquals(0, balance(again));
        assertEquals(2, stock(item));
        as(again).post("/api/v1/store/redemptions/" + cancelled + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        assertEquals(price, balance(again));
        assertEquals(3, stock(item));
        Problems.problem(as(again).post("/api/v1/store/redemptions/" + cancelled + "/cancel"), 409, "invalid-transition");
        assertEquals(price, balance(again));
        List<String> causes = as(again).get("/api/v1/points/ledger").then().statusCode(200).extract().path("items.cause");
        assertEquals(List.of("REDEMPTION_CANCELLED", "REDEMPTION", "TICKET_CLOSED"), causes);

        as(again).get("/api/v1/store/redemptions").then().statusCode(200).body("items[0].id", equalTo((int) cancelled));
        as("secretary1").queryParam("communityId", community1()).get("/api/v1/store/redemptions").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItems((int) cancelled, (int) fulfilled));
        Problems.problem(as("party1").get("/api/v1/store/redemptions/" + cancelled), 404, "not-found");
        Problems.problem(as("party1").queryParam("communityId", community1()).get("/api/v1/store/redemptions"), 404,
                "not-found");
    }

    @Test
    void the_community_admin_stocks_the_shelf_with_if_match_and_only_the_community_sees_it() {
        long community = community1();
        Response created = createItem("secretary1", community, 30, 7);
        created.then().statusCode(201).header("ETag", "\"1\"");
        long id = created.jsonPath().getLong("id");
        assertThat(created.header("Location"), endsWith("/api/v1/store/items/" + id));

        as("resident1").queryParam("communityId", community).get("/api/v1/store/items").then().statusCode(200);
        Problems.problem(as("resident3").queryParam("communityId", community).get("/api/v1/store/items"), 404, "not-found");
        Problems.problem(createItem("party1", community, 30, 7), 403, "forbidden");
        long grid5 = ((Number) as("resident3").get("/api/v1/me").then().extract().path("regions[0].id")).longValue();
        long community3 = ((Number) as("admin").get("/api/v1/regions/" + grid5).then().extract().path("parentId")).longValue();
        Problems.problem(createItem("secretary1", community3, 30, 7), 422, "unprocessable");
        Problems.problem(createItem("secretary1", community, 0, 7), 400, "validation");
        Problems.problem(createItem("secretary1", community, 30, -1), 400, "validation");

        Map<String, Object> change = Map.of("name", "大米（新）", "price", 25, "stock", 9, "active", true);
        Problems.problem(as("secretary1").body(change).put("/api/v1/store/items/" + id), 428, "precondition-required");
        Problems.problem(as("secretary1").header("If-Match", "\"7\"").body(change).put("/api/v1/store/items/" + id), 412,
                "precondition-failed");
        as("secretary1").header("If-Match", "\"1\"").body(change).put("/api/v1/store/items/" + id).then().statusCode(200)
                .header("ETag", "\"2\"").body("stock", equalTo(9)).body("price", equalTo(25));
        Problems.problem(as("party1").header("If-Match", "\"2\"").body(change).put("/api/v1/store/items/" + id), 403,
                "forbidden");
        Problems.problem(as("admin").header("If-Match", "\"2\"").body(change).put("/api/v1/store/items/987654321"), 404,
                "not-found");
    }
}
