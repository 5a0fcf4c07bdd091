package io.gridloop.account;

import static io.gridloop.support.Api.anonymous;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A password someone else chose must be changed before anything else: the account reads itself and
 * changes its password, and every other endpoint answers 403 password-change-required, decided from
 * the database on every request.
 */
@QuarkusTest
class PasswordChangeTest {

    private static final String CHOSEN = "chosen-by-admin";
    private static final String OWN = "my-own-secret-9";

    @Inject
    AgroalDataSource dataSource;

    /** A sample of the API: reads and writes of several features, with and without a path parameter. */
    private static final List<Function<RequestSpecification, Response>> ELSEWHERE = List.of(
            r -> r.get("/api/v1/tickets"),
            r -> r.get("/api/v1/tickets/1"),
            r -> r.get("/api/v1/me/notifications"),
            r -> r.get("/api/v1/regions"),
            r -> r.get("/api/v1/categories"),
            r -> r.get("/api/v1/accounts"),
            r -> r.get("/api/v1/audit"),
            r -> r.body(Map.of("categoryCode", "GARBAGE", "title", "楼道堆物", "description", "三楼",
                    "location", Map.of("lat", 31.2, "lng", 121.4))).post("/api/v1/tickets"),
            r -> r.body(Map.of("name", "钥匙", "regionId", 1)).post("/api/v1/api-keys"));

    private static long districtId() {
        return as("admin").get("/api/v1/me").then().statusCode(200).extract().<Number> path("account.districtId").longValue();
    }

    /** A district admin made by the district admin, with the default: the password must be changed. */
    private static String newAdmin() {
        String username = unique("newadmin_");
        as("admin").body(Map.of("username", username, "password", CHOSEN, "name", "新管理员",
                "roles", List.of(Map.of("role", "DISTRICT_ADMIN", "regionId", districtId()))))
                .post("/api/v1/accounts").then().statusCode(201).body("mustChangePassword", equalTo(true));
        return username;
    }

    private static Response login(String username, String password) {
        return anonymous().body(Map.of("username", username, "password", password)).post("/api/v1/auth/login");
    }

    private static RequestSpecification bearer(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    private static Response change(String token, String current, String next) {
        return bearer(token).body(Map.of("currentPassword", current, "newPassword", next)).post("/api/v1/me/password");
    }

    @Test
    void an_account_made_with_a_chosen_password_may_only_read_itself_and_change_it_until_it_does() {
        String username = newAdmin();
        Response signedIn = login(username, CHOSEN);
        signedIn.then().statusCode(200).body("account.mustChangePassword", equalTo(true));
        String token = signedIn.path("accessToken");

        bearer(token).get("/api/v1/me").then().statusCode(200).body("account.mustChangePassword", equalTo(true));
        for (Function<RequestSpecification, Response> call : ELSEWHERE) {
            Problems.problem(call.apply(bearer(token)), 403, "password-change-required");
        }

        change(token, OWN, OWN + "x").then().statusCode(400).body("violations[0].field", equalTo("currentPassword"));
        change(token, CHOSEN, CHOSEN).then().statusCode(400).body("violations[0].field", equalTo("newPassword"));
        change(token, CHOSEN, "short").then().statusCode(400).body("violations[0].field", equalTo("newPassword"));
        Problems.problem(bearer(token).get("/api/v1/regions"), 403, "password-change-required");

        change(token, CHOSEN, OWN).then().statusCode(204);

        bearer(token).get("/api/v1/me").then().statusCode(200).body("account.mustChangePassword", equalTo(false));
        bearer(token).get("/api/v1/regions").then().statusCode(200);
        bearer(token).get("/api/v1/audit").then().statusCode(200);
        Problems.problem(login(username, CHOSEN), 401, "invalid-credentials");
        login(username, OWN).then().statusCode(200).body("account.mustChangePassword", equalTo(false));
    }

    @Test
    void the_requirement_is_read_from_the_database_on_every_request_whatever_the_token() {
        String username = newAdmin();
        String token = login(username, CHOSEN).path("accessToken");
        change(token, CHOSEN, OWN).then().statusCode(204);
        bearer(token).get("/api/v1/regions").then().statusCode(200);

        assertEquals(1, Sql.update(dataSource, "UPDATE account SET must_change_password = true WHERE lower(username) = lower(?)",
                username));

        Problems.problem(bearer(token).get("/api/v1/regions"), 403, "password-change-required");
    }

    @Test
    void an_admin_may_make_an_account_whose_password_need_not_be_changed() {
        String username = unique("ready_");
        as("admin").body(Map.of("username", username, "password", CHOSEN, "name", "居民",
                "roles", List.of(Map.of("role", "RESIDENT")), "mustChangePassword", false))
                .post("/api/v1/accounts").then().statusCode(201).body("mustChangePassword", equalTo(false));

        String token = login(username, CHOSEN).then().statusCode(200).extract().path("accessToken");

        bearer(token).get("/api/v1/tickets").then().statusCode(200);
    }

    @Test
    void anyone_may_change_their_own_password_and_sign_in_with_it() {
        String username = unique("self_");
        as("admin").body(Map.of("username", username, "password", CHOSEN, "name", "居民",
                "roles", List.of(Map.of("role", "RESIDENT")), "mustChangePassword", false))
                .post("/api/v1/accounts").then().statusCode(201);
        String token = login(username, CHOSEN).path("accessToken");

        change(token, CHOSEN, OWN).then().statusCode(204);

        Problems.problem(login(username, CHOSEN), 401, "invalid-credentials");
        login(username, OWN).then().statusCode(200);
        Problems.problem(anonymous().body(Map.of("currentPassword", OWN, "newPassword", "another-one-1"))
                .post("/api/v1/me/password"), 401, "unauthenticated");
    }
}
