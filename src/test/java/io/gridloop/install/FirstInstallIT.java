package io.gridloop.install;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.gridloop.support.FreshDistrict;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The whole first install of a real district, as an operator does it with README's production
 * section: the packaged service in the production profile on a fresh PostgreSQL whose owner is no
 * superuser ({@link FreshDistrict}), the first administrator from the bootstrap settings, who must
 * change the password first; the district's data imported through the import endpoint from the
 * demo district's file (the example of the format); then a resident files a ticket and it goes
 * round the loop until it is closed.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = FreshDistrict.class, restrictToAnnotatedClass = true)
class FirstInstallIT {

    private static final String PASSWORD = "install-walk-7Kd";
    /** The accounts of the demo file that take part in the walk; the import gives them this password. */
    private static final List<String> WALKERS = List.of("resident1", "leader1", "party1");

    @Test
    void start_bootstrap_import_sign_in_and_close_a_ticket() throws IOException {
        // the bootstrap administrator may do nothing but change the password
        String first = token(FreshDistrict.ADMIN, FreshDistrict.FIRST_PASSWORD);
        bearer(first).get("/api/v1/accounts").then().statusCode(403)
                .body("type", equalTo("urn:gridloop:problem:password-change-required"));
        bearer(first).body(Map.of("currentPassword", FreshDistrict.FIRST_PASSWORD, "newPassword", PASSWORD))
                .post("/api/v1/me/password").then().statusCode(204);
        String admin = token(FreshDistrict.ADMIN, PASSWORD);

        // the district's data, from the demo district's file, twice: the second import changes nothing
        byte[] file = FreshDistrict.demoDistrict(PASSWORD, WALKERS);
        bearer(admin).contentType("application/yaml").body(file).post("/api/v1/district/import").then().statusCode(200)
                .body("grids.created", equalTo(7)).body("accounts.created", equalTo(11));
        var again = bearer(admin).contentType("application/yaml").body(file).post("/api/v1/district/import").then()
                .statusCode(200).extract().jsonPath();
        for (String kind : List.of("units", "streets", "communities", "grids", "categories", "calendarYears", "accounts")) {
            assertEquals(0, again.getInt(kind + ".created") + again.getInt(kind + ".updated"), kind + " changed on the second import");
        }

        // round the loop
        String resident = token("resident1", PASSWORD);
        String leader = token("leader1", PASSWORD);
        String party = token("party1", PASSWORD);
        long id = bearer(resident).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("categoryCode", "GARBAGE", "title", "小区东门垃圾未清运", "description", "两个垃圾桶两天没人清运",
                        "location", Map.of("lat", 30.2025, "lng", 120.1025, "address", "幸福社区东门")))
                .post("/api/v1/tickets").then().statusCode(201).extract().<Number> path("id").longValue();
        String ticket = "/api/v1/tickets/" + id;
        bearer(leader).body(Map.of("matterClass", "MINOR", "priority", "NORMAL", "note", "社区处理"))
                .post(ticket + "/triage").then().statusCode(200);
        bearer(leader).body(Map.of("target", "POOL")).post(ticket + "/dispatch").then().statusCode(200);
        bearer(party).body(Map.of()).post(ticket + "/claim").then().statusCode(200);
        bearer(party).body(Map.of()).post(ticket + "/start").then().statusCode(200);
        bearer(party).body(Map.of("resolution", "已清运")).post(ticket + "/resolve").then().statusCode(200);
        bearer(resident).body(Map.of("rating", "SATISFIED", "solved", "SOLVED", "comment", "谢谢"))
                .post(ticket + "/feedback").then().statusCode(200).body("status", equalTo("CLOSED"));
        bearer(admin).get(ticket + "/timeline").then().statusCode(200).body("items.size()", greaterThan(6));
    }

    private static String token(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    private static RequestSpecification bearer(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }
}
