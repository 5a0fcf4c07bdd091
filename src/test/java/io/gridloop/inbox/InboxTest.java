package io.gridloop.inbox;

import static io.gridloop.inbox.InboxFixtures.INBOX;
import static io.gridloop.inbox.InboxFixtures.ids;
import static io.gridloop.inbox.InboxFixtures.inbox;
import static io.gridloop.inbox.InboxFixtures.resident;
import static io.gridloop.inbox.InboxFixtures.send;
import static io.gridloop.inbox.InboxFixtures.walk;
import static io.gridloop.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gridloop.support.Api;
import io.gridloop.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** GET /api/v1/me/notifications and marking read: newest first, keyset paged, the owner's only. */
@QuarkusTest
class InboxTest {

    @Inject
    Inbox inbox;

    /** Sends n notifications to a new resident; returns the username and the ids, oldest first. */
    private List<Long> fill(String username, int n) {
        long account = Api.accountId(username);
        for (int i = 0; i < n; i++) {
            send(inbox, account, NotificationKind.RESOLVED, "您反映的事项已办结（" + i + "）");
        }
        List<Long> ids = new ArrayList<>(ids(inbox(username, Map.of("limit", 100))));
        Collections.reverse(ids);
        assertEquals(n, ids.size());
        return ids;
    }

    /** A POST with no body and no Content-Type (REST Assured always sends one); answers the body of a 200. */
    private static String bare(String username, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                    .header("Authorization", "Bearer " + Api.token(username))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertFalse(response.request().headers().firstValue("Content-Type").isPresent());
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long unreadCount(String username) {
        return inbox(username, Map.of()).getLong("unreadCount");
    }

    @Test
    void the_owner_reads_their_inbox_newest_first_in_keyset_pages_with_the_unread_count() {
        String resident = resident();
        List<Long> sent = fill(resident, 5);

        JsonPath first = inbox(resident, Map.of("limit", 2));
        assertEquals(List.of(sent.get(4), sent.get(3)), ids(first));
        assertEquals(5, first.getLong("unreadCount"));
        String cursor = first.getString("nextCursor");
        assertThat(cursor, notNullValue());
        assertFalse(cursor.contains(String.valueOf(sent.get(3))), "the cursor is opaque: " + cursor);
        Map<String, Object> item = first.getMap("items[0]");
        assertEquals("RESOLVED", item.get("kind"));
        assertEquals(4242, ((Number) item.get("ticketId")).intValue());
        assertEquals("GL-2026-004242", item.get("ticketNumber"));
        assertEquals("您反映的事项已办结（4）", item.get("text"));
        assertEquals(false, item.get("read"));
        OffsetDateTime.parse((String) item.get("createdAt"));

        List<Long> newestFirst = new ArrayList<>(sent);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, walk(resident, Map.of(), 2));
        assertEquals(newestFirst, walk(resident, Map.of(), 5));
        JsonPath last = as(resident).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .get(INBOX).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(sent.get(2), sent.get(1)), ids(last));
        assertEquals(5, last.getLong("unreadCount"), "the count is of the whole inbox, not the page");
        assertNull(inbox(resident, Map.of("limit", 5)).getString("nextCursor"), "no cursor when nothing follows");

        JsonPath empty = inbox(resident(), Map.of());
        assertThat(empty.getList("items"), empty());
        assertEquals(0, empty.getLong("unreadCount"));
    }

    @Test
    void marking_one_read_lowers_the_count_and_marking_it_again_is_fine() {
        String resident = resident();
        List<Long> sent = fill(resident, 3);

        as(resident).post(INBOX + "/" + sent.get(1) + "/read").then().statusCode(204);
        assertEquals(2, unreadCount(resident));
        as(resident).post(INBOX + "/" + sent.get(1) + "/read").then().statusCode(204);
        assertEquals(2, unreadCount(resident));
        // the mini-program posts without a body or a content type
        given().header("Authorization", "Bearer " + Api.token(resident)).post(INBOX + "/" + sent.get(0) + "/read")
                .then().statusCode(204);
        assertEquals(1, unreadCount(resident));

        JsonPath page = inbox(resident, Map.of());
        assertEquals(List.of(false, true, true), page.getList("items.read"));
        assertEquals(sent.get(2), ids(inbox(resident, Map.of("unread", true))).get(0));
    }

    @Test
    void the_unread_filter_lists_only_unread_notifications_and_pages_over_them() {
        String resident = resident();
        List<Long> sent = fill(resident, 6);
        for (int i : new int[] { 1, 2, 4 }) {
            as(resident).post(INBOX + "/" + sent.get(i) + "/read").then().statusCode(204);
        }

        JsonPath unread = inbox(resident, Map.of("unread", true));
        assertEquals(List.of(sent.get(5), sent.get(3), sent.get(0)), ids(unread));
        assertThat(unread.getList("items.read"), everyItem(equalTo(false)));
        assertEquals(3, unread.getLong("unreadCount"));
        assertEquals(List.of(sent.get(5), sent.get(3), sent.get(0)), walk(resident, Map.of("unread", true), 1));
        assertEquals(6, ids(inbox(resident, Map.of("unread", false))).size());
        assertEquals(6, ids(inbox(resident, Map.of())).size());
    }

    @Test
    void no_one_sees_or_marks_another_accounts_notification() {
        String owner = resident();
        String other = resident();
        long theirs = fill(owner, 1).get(0);
        fill(other, 1);

        Problems.problem(as(other).post(INBOX + "/" + theirs + "/read"), 404, "not-found");
        Problems.problem(as("admin").post(INBOX + "/" + theirs + "/read"), 404, "not-found");
        assertThat(walk(other, Map.of(), 100), not(hasItem(theirs)));
        assertThat(walk("admin", Map.of(), 100), not(hasItem(theirs)));
        as(other).contentType("application/json").body(Map.of()).post(INBOX + "/read-all").then().statusCode(200);
        assertEquals(1, unreadCount(owner), "another account's read-all leaves it unread");
        assertEquals(0, unreadCount(other));

        Problems.problem(as(owner).post(INBOX + "/999999999/read"), 404, "not-found");
        Problems.problem(as(owner).post(INBOX + "/abc/read"), 400, "bad-request");
    }

    @Test
    void read_all_marks_only_up_to_the_newest_notification_the_client_has_shown() {
        String resident = resident();
        List<Long> sent = fill(resident, 4);
        as(resident).post(INBOX + "/" + sent.get(0) + "/read").then().statusCode(204);

        as(resident).body(Map.of("upToId", sent.get(2))).post(INBOX + "/read-all").then().statusCode(200)
                .body("marked", equalTo(2));
        JsonPath unread = inbox(resident, Map.of("unread", true));
        assertEquals(List.of(sent.get(3)), ids(unread));
        assertEquals(1, unread.getLong("unreadCount"));

        as(resident).body(Map.of("upToId", sent.get(2))).post(INBOX + "/read-all").then().statusCode(200)
                .body("marked", equalTo(0));
        assertEquals("{\"marked\":1}", bare(resident, INBOX + "/read-all"), "a bare POST, as curl -X POST sends it");
        assertEquals(0, unreadCount(resident));
        as(resident).body(Map.of()).post(INBOX + "/read-all").then().statusCode(200).body("marked", equalTo(0));
        Problems.problem(as(resident).body(Map.of("upTo", 1)).post(INBOX + "/read-all"), 400, "validation");
    }

    @Test
    void a_limit_outside_one_to_a_hundred_or_an_unread_that_is_not_a_boolean_is_400() {
        String resident = resident();
        for (int limit : new int[] { 0, 101, -1 }) {
            JsonPath problem = Problems.problem(as(resident).queryParam("limit", limit).get(INBOX), 400, "validation");
            assertEquals(List.of("limit"), problem.getList("violations.field"));
        }
        as(resident).queryParam("limit", 1).get(INBOX).then().statusCode(200);
        as(resident).queryParam("limit", 100).get(INBOX).then().statusCode(200);
        Problems.problem(as(resident).queryParam("limit", "many").get(INBOX), 400, "bad-request");
        for (String unread : List.of("maybe", "1", "TRUE")) {
            JsonPath problem = Problems.problem(as(resident).queryParam("unread", unread).get(INBOX), 400, "validation");
            assertEquals(List.of("unread"), problem.getList("violations.field"), unread);
        }
        as(resident).queryParam("unread", "").get(INBOX).then().statusCode(200); // an empty value is no filter
    }

    @Test
    void a_limit_of_twenty_is_the_default() {
        String resident = resident();
        fill(resident, 21);
        JsonPath page = inbox(resident, Map.of());
        assertEquals(20, ids(page).size());
        assertThat(page.getString("nextCursor"), notNullValue());
    }

    @Test
    void a_forged_cursor_is_400_on_cursor() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        for (String cursor : List.of("not-a-cursor!", "%%%", base64.encodeToString("x42".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString("k42abc".getBytes(StandardCharsets.UTF_8)))) {
            JsonPath problem = Problems.problem(as("resident1").queryParam("cursor", cursor).get(INBOX), 400, "validation");
            assertEquals(List.of("cursor"), problem.getList("violations.field"), cursor);
        }
    }

    @Test
    void every_signed_in_account_has_an_inbox_but_an_api_key_and_a_stranger_have_none() {
        for (String username : List.of("resident1", "party1", "leader1", "unit1", "admin")) {
            as(username).get(INBOX).then().statusCode(200);
        }
        Problems.problem(Api.anonymous().get(INBOX), 401, "unauthenticated");
        Problems.problem(Api.anonymous().post(INBOX + "/read-all"), 401, "unauthenticated");
        Problems.problem(given().header("X-API-Key", "demo-open311-key").get(INBOX), 403, "forbidden");
    }
}
