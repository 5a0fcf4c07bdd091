package io.gridloop.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as the demo accounts (SPEC §2a) make them; every demo account's password is "gridloop". */
public final class Api {

    public static final String PASSWORD = "gridloop";
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Api() {
    }

    /** A request signed in as this account; tokens are fetched once per test run. */
    public static RequestSpecification as(String username) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token(username));
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    public static String token(String username) {
        return TOKENS.computeIfAbsent(username, name -> given().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", PASSWORD))
                .post("/api/v1/auth/login")
                .then().statusCode(200)
                .extract().path("accessToken"));
    }

    /** The id of a demo account, read as the district admin. */
    public static long accountId(String username) {
        return as(username).get("/api/v1/me").then().statusCode(200).extract().<Number> path("account.id").longValue();
    }

    /** A name no other test uses, so tests never collide on unique names. */
    public static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }
}
