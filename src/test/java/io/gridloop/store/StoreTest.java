package io.gridloop.store;

import static io.gridloop.store.StoreFixtures.assertLastPiecesSettled;
import static io.gridloop.store.StoreFixtures.balance;
import static io.gridloop.store.StoreFixtures.community1;
import static io.gridloop.store.StoreFixtures.createItem;
import static io.gridloop.store.StoreFixtures.item;
import static io.gridloop.store.StoreFixtures.memberWithPoints;
import static io.gridloop.store.StoreFixtures.membersWithPoints;
import static io.gridloop.store.StoreFixtures.redeem;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.AtOnce;
import io.gridloop.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** SPEC §1.9 points store: stock and balance never negative, redemptions idempotent, cancellation gives everything back. */
@QuarkusTest
class StoreTest {

    @Inject
    AgroalDataSource dataSource;

    private long stock(long item) {
        return StoreFixtures.stock(dataSource, item);
    }

    @Test
    void fifty_concurrent_redemptions_of_the_last_ten_items_by_twenty_members_with_barely_enough_points() throws Exception {
        List<String> members = membersWithPoints(20);
        int price = (int) balance(members.get(0));
        long item = item(price, 10);
        List<String> redeemers = IntStream.range(0, 50).mapToObj(i -> members.get(i % members.size())).toList();
        List<Response> responses = AtOnce.requests(50, i -> redeem(redeemers.get(i), item, 1));
        assertLastPiecesSettled(item, 10, price, redeemers, responses, dataSource);
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
