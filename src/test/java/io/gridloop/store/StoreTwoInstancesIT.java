package io.gridloop.store;

import static io.gridloop.store.StoreFixtures.assertLastPiecesSettled;
import static io.gridloop.store.StoreFixtures.balance;
import static io.gridloop.store.StoreFixtures.item;
import static io.gridloop.store.StoreFixtures.membersWithPoints;
import static io.gridloop.store.StoreFixtures.redeem;
import static io.gridloop.support.Api.anonymous;
import static io.gridloop.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.gridloop.support.Api;
import io.gridloop.support.AtOnce;
import io.gridloop.support.FreshDistrict;
import io.gridloop.support.Problems;
import io.gridloop.support.ServiceInstance;
import io.gridloop.support.TwoInstances;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * SPEC §1.9 as a deployment runs it: the rush on an item's last pieces sent to two instances of the
 * packaged service (production profile) on one PostgreSQL ({@link TwoInstances}), so nothing one
 * instance holds in memory can keep the stock and the balances right; only the database can. The
 * district is the demo district's file imported by the first administrator, as at a first install.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = TwoInstances.class, restrictToAnnotatedClass = true)
class StoreTwoInstancesIT {

    private static final String ADMIN_PASSWORD = "two-instances-4Rw";

    /** The instance the resource started; RestAssured's port is the one the test framework started. */
    ServiceInstance other;
    DataSource database;

    @Test
    void fifty_concurrent_redemptions_of_the_last_ten_items_by_twenty_members_on_two_instances() throws Exception {
        importDemoDistrict();
        List<String> members = membersWithPoints(20);
        int price = (int) balance(members.get(0));
        long item = item(price, 10);
        long dear = item(price + 1, 10);
        for (String member : members) {
            // signed in on one instance, a member's token is good on the other, which sees the same balance;
            // and both instances have refused a redemption before the rush, so neither starts it cold
            assertEquals(price, balance(onOther(member)), member);
            Problems.problem(redeem(as(member), dear, 1), 409, "insufficient-points");
            Problems.problem(redeem(onOther(member), dear, 1), 409, "insufficient-points");
        }

        // request i goes to the instances by turns, and each member's three or two requests go to both
        List<String> redeemers = IntStream.range(0, 50).mapToObj(i -> members.get(i % members.size())).toList();
        IntPredicate toOther = i -> (i + i / members.size()) % 2 == 1;
        List<Response> responses = AtOnce.requests(50, i -> redeem(toOther.test(i) ? onOther(redeemers.get(i)) : as(redeemers.get(i)),
                item, 1));

        assertLastPiecesSettled(item, 10, price, redeemers, responses, database);
        assertEquals(10, StoreFixtures.stock(database, dear));
        // each instance answered its half, and says how many of the pieces it gave out
        for (boolean there : List.of(false, true)) {
            List<Integer> answers = IntStream.range(0, 50).filter(i -> toOther.test(i) == there)
                    .mapToObj(i -> responses.get(i).statusCode()).toList();
            assertEquals(25, answers.stream().filter(s -> s == 201 || s == 409).count(), answers.toString());
            System.out.println("StoreTwoInstancesIT: the " + (there ? "other" : "framework's") + " instance made "
                    + answers.stream().filter(s -> s == 201).count() + " of the 10 redemptions");
        }
    }

    private RequestSpecification onOther(String username) {
        return as(username).port(other.port());
    }

    /**
     * The first install's steps (README, FirstInstallIT): the bootstrap administrator changes the password and
     * imports the demo district, whose accounts the store's steps use, all with the demo password.
     */
    private static void importDemoDistrict() throws IOException {
        String first = signIn(FreshDistrict.ADMIN, FreshDistrict.FIRST_PASSWORD);
        anonymous().header("Authorization", "Bearer " + first)
                .body(Map.of("currentPassword", FreshDistrict.FIRST_PASSWORD, "newPassword", ADMIN_PASSWORD))
                .post("/api/v1/me/password").then().statusCode(204);
        anonymous().header("Authorization", "Bearer " + signIn(FreshDistrict.ADMIN, ADMIN_PASSWORD))
                .contentType("application/yaml")
                .body(FreshDistrict.demoDistrict(Api.PASSWORD, List.of("admin", "secretary1", "leader1", "resident1")))
                .post("/api/v1/district/import").then().statusCode(200);
    }

    private static String signIn(String username, String password) {
        return anonymous().body(Map.of("username", username, "password", password)).post("/api/v1/auth/login").then()
                .statusCode(200).extract().path("accessToken");
    }
}
