package io.gridloop.inbox;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.gridloop.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;

/** Accounts with an inbox of their own, notifications sent as other features send them, and the inbox read over HTTP. */
final class InboxFixtures {

    static final String INBOX = "/api/v1/me/notifications";

    private InboxFixtures() {
    }

    static long districtId() {
        return as("admin").get("/api/v1/me").then().statusCode(200).extract().<Number> path("account.districtId").longValue();
    }

    /** The first region the account acts in, as GET /api/v1/me lists it. */
    static long regionOf(String username) {
        return as(username).get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id").longValue();
    }

    /** A new account with one role, so its inbox holds only what the test sends; returns its username. */
    static String account(String role, Long regionId) {
        String username = unique("inbox.");
        Map<String, Object> binding = new HashMap<>();
        binding.put("role", role);
        if (regionId != null) {
            binding.put("regionId", regionId);
        }
        as("admin").body(Map.of("username", username, "password", Api.PASSWORD, "name", "收件人",
                "roles", List.of(binding), "mustChangePassword", false)).post("/api/v1/accounts").then().statusCode(201);
        return username;
    }

    static String resident() {
        return account("RESIDENT", null);
    }

    /** One notification about a ticket, written the way the ticket loop writes: inside a transaction. */
    static void send(Inbox inbox, long accountId, NotificationKind kind, String text) {
        long district = districtId();
        QuarkusTransaction.requiringNew().run(() -> inbox.notify(List.of(accountId), kind, district, 4242L,
                "GL-2026-004242", text));
    }

    static JsonPath inbox(String username, Map<String, ?> query) {
        return as(username).queryParams(query).get(INBOX).then().statusCode(200).extract().jsonPath();
    }

    static List<Long> ids(JsonPath page) {
        return page.getList("items.id", Number.class).stream().map(Number::longValue).toList();
    }

    /** Every page of the inbox, following nextCursor. */
    static List<Long> walk(String username, Map<String, ?> query, int limit) {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> params = new HashMap<>(query);
            params.put("limit", limit);
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonPath page = inbox(username, params);
            List<Long> items = ids(page);
            if (items.size() > limit) {
                throw new AssertionError("a page longer than its limit: " + items);
            }
            ids.addAll(items);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }
}
