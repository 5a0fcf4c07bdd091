package io.gridloop.audit;

import static io.gridloop.support.Api.anonymous;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The district admin's audit: what is recorded, who may read it, how it pages and filters. */
@QuarkusTest
class AuditTest {

    private static final String PASSWORD = "audited-password-1";

    @Inject
    Audit audit;

    @Inject
    AgroalDataSource dataSource;

    private static long districtId() {
        return as("admin").get("/api/v1/me").then().statusCode(200).extract().<Number> path("account.districtId").longValue();
    }

    private static RequestSpecification feed() {
        return as("admin").queryParam("limit", 100);
    }

    /** The admin's feed filtered to one subject's entries, newest first. */
    private static List<Map<String, Object>> entriesAbout(String subject, long subjectId) {
        List<Map<String, Object>> items = feed().get("/api/v1/audit").then().statusCode(200).extract().path("items");
        return items.stream().filter(e -> subject.equals(e.get("subject"))
                && e.get("subjectId") != null && ((Number) e.get("subjectId")).longValue() == subjectId).toList();
    }

    private static long newAccount(String username) {
        return as("admin").body(Map.of("username", username, "password", PASSWORD, "name", "审计",
                "roles", List.of(Map.of("role", "RESIDENT")), "mustChangePassword", false))
                .post("/api/v1/accounts").then().statusCode(201).extract().<Number> path("id").longValue();
    }

    @Test
    void sign_ins_are_recorded_with_username_address_and_outcome_but_never_the_password() {
        String username = unique("audited_");
        long id = newAccount(username);
        String address = "10.77.0." + (System.nanoTime() % 200 + 1);
        String ghost = unique("nobody_");

        anonymous().header("X-Forwarded-For", address).body(Map.of("username", username, "password", PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200);
        anonymous().header("X-Forwarded-For", address).body(Map.of("username", username, "password", "wrong-" + PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(401);
        anonymous().header("X-Forwarded-For", address).body(Map.of("username", ghost, "password", "wrong-" + PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(401);

        String text = feed().queryParam("actorId", id).get("/api/v1/audit").then().statusCode(200).extract().asString();
        JsonPath mine = JsonPath.from(text);
        assertEquals(List.of("SIGN_IN_FAILED", "SIGN_IN_SUCCEEDED"), mine.getList("items.kind"));
        assertEquals(List.of(username, username), mine.getList("items.username"));
        assertEquals(List.of(address, address), mine.getList("items.address"));
        assertEquals("BAD_CREDENTIALS", mine.getString("items[0].details.reason"));
        assertThat(text, not(containsString(PASSWORD)));
        feed().queryParam("kind", "SIGN_IN_FAILED").get("/api/v1/audit").then().statusCode(200)
                .body("items.username", hasItem(ghost));
    }

    @Test
    void account_creation_role_changes_and_disabling_are_recorded_with_who_did_them() {
        long admin = Api.accountId("admin");
        long id = newAccount(unique("roles_"));
        long grid = as("leader1").get("/api/v1/me").then().extract().<Number> path("account.roles[0].regionId").longValue();
        String etag = as("admin").get("/api/v1/accounts/" + id).then().statusCode(200).extract().header("ETag");

        as("admin").header("If-Match", etag).body(Map.of("name", "审计", "enabled", false,
                "roles", List.of(Map.of("role", "GRID_MEMBER", "regionId", grid))))
                .put("/api/v1/accounts/" + id).then().statusCode(200);

        List<Map<String, Object>> entries = entriesAbout("account", id);
        assertEquals(List.of("ACCOUNT_DISABLED", "ROLE_UNBOUND", "ROLE_BOUND", "ACCOUNT_CREATED"),
                entries.stream().map(e -> e.get("kind")).toList());
        entries.forEach(e -> assertEquals(admin, ((Number) e.get("actorId")).longValue()));
        Map<String, Object> bound = entries.stream().filter(e -> e.get("kind").equals("ROLE_BOUND")).findFirst().orElseThrow();
        assertEquals(Map.of("role", "GRID_MEMBER", "regionId", (int) grid), bound.get("details"));
    }

    @Test
    void api_keys_made_and_revoked_are_recorded() {
        long id = as("admin").body(Map.of("name", unique("热线"), "regionId", districtId())).post("/api/v1/api-keys")
                .then().statusCode(201).extract().<Number> path("id").longValue();
        as("admin").delete("/api/v1/api-keys/" + id).then().statusCode(204);
        as("admin").delete("/api/v1/api-keys/" + id).then().statusCode(204);

        assertEquals(List.of("API_KEY_REVOKED", "API_KEY_CREATED"),
                entriesAbout("api_key", id).stream().map(e -> e.get("kind")).toList(), "a second revocation changes nothing");
    }

    @Test
    void imports_and_unmasked_reads_written_through_the_api_appear_in_the_feed() {
        long district = districtId();
        long admin = Api.accountId("admin");
        long reader = Api.accountId("unit1");
        long ticket = 900_000_000L + System.nanoTime() % 1_000_000;
        QuarkusTransaction.requiringNew().run(() -> {
            audit.record(district, AuditKind.DATA_IMPORTED, admin, "import", ticket, Map.of("regions", 3, "accounts", 10));
            audit.personalDataShown(district, reader, "ticket", List.of(ticket), "reporter.phone");
        });

        List<Map<String, Object>> imported = entriesAbout("import", ticket);
        assertEquals(Map.of("regions", 3, "accounts", 10), imported.get(0).get("details"));
        List<Map<String, Object>> read = entriesAbout("ticket", ticket);
        assertEquals("PERSONAL_DATA_READ", read.get(0).get("kind"));
        assertEquals(reader, ((Number) read.get(0).get("actorId")).longValue());
        assertEquals(Map.of("field", "reporter.phone"), read.get(0).get("details"));
    }

    @Test
    void the_feed_pages_newest_first_and_filters_by_kind_actor_and_time() {
        long district = districtId();
        long actor = 800_000_000L + System.nanoTime() % 1_000_000;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < 5; i++) {
            insert(district, i % 2 == 0 ? "API_KEY_CREATED" : "API_KEY_REVOKED", actor, now.minusDays(10 - i));
        }

        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = as("admin").queryParam("actorId", actor).queryParam("limit", 2);
            JsonPath page = (cursor == null ? request : request.queryParam("cursor", cursor)).get("/api/v1/audit")
                    .then().statusCode(200).extract().jsonPath();
            page.getList("items.id", Number.class).forEach(n -> ids.add(n.longValue()));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(5, ids.size());
        assertEquals(ids.stream().sorted(java.util.Comparator.reverseOrder()).toList(), ids, "newest first, no repeats");

        as("admin").queryParam("actorId", actor).queryParam("kind", "API_KEY_REVOKED").get("/api/v1/audit").then()
                .statusCode(200).body("items.size()", equalTo(2));
        as("admin").queryParam("actorId", actor).queryParam("from", now.minusDays(9).toString())
                .queryParam("to", now.minusDays(7).toString()).get("/api/v1/audit").then()
                .statusCode(200).body("items.size()", equalTo(2));
    }

    @Test
    void only_district_admins_read_the_audit() {
        for (String who : List.of("secretary1", "leader1", "gridmember1", "party1", "unit1", "resident1")) {
            Problems.problem(as(who).get("/api/v1/audit"), 403, "forbidden");
        }
        Problems.problem(given().header("X-API-Key", "demo-open311-key").get("/api/v1/audit"), 403, "forbidden");
        Problems.problem(anonymous().get("/api/v1/audit"), 401, "unauthenticated");
    }

    @Test
    void another_districts_entries_are_not_shown() {
        long actor = 700_000_000L + System.nanoTime() % 1_000_000;
        insert(districtId() + 1_000_000, "API_KEY_CREATED", actor, OffsetDateTime.now(ZoneOffset.UTC));
        insert(districtId(), "API_KEY_CREATED", actor, OffsetDateTime.now(ZoneOffset.UTC));

        as("admin").queryParam("actorId", actor).get("/api/v1/audit").then().statusCode(200)
                .body("items.size()", equalTo(1));
    }

    @Test
    void bad_filters_are_refused_as_bad_requests() {
        Problems.problem(as("admin").queryParam("kind", "NOPE").get("/api/v1/audit"), 400, "bad-request");
        for (String bad : List.of("yesterday", "2026-13-01T00:00:00Z", "2026-01-01")) {
            Problems.problem(as("admin").queryParam("from", bad).get("/api/v1/audit"), 400, "bad-request");
        }
        Problems.problem(as("admin").queryParam("cursor", "not-a-cursor").get("/api/v1/audit"), 400, "validation");
        Problems.problem(as("admin").queryParam("limit", 101).get("/api/v1/audit"), 400, "validation");
    }

    @Test
    void entries_are_never_changed_and_deleted_only_by_the_retention_once_six_months_old() {
        long actor = 600_000_000L + System.nanoTime() % 1_000_000;
        insert(districtId(), "API_KEY_CREATED", actor, OffsetDateTime.now(ZoneOffset.UTC).minusDays(100));

        assertThrows(RuntimeException.class, () -> Sql.update(dataSource, "UPDATE audit_event SET kind = 'X' WHERE actor_id = ?", actor));
        assertThrows(RuntimeException.class, () -> Sql.update(dataSource, "DELETE FROM audit_event WHERE actor_id = ?", actor));
        assertThrows(RuntimeException.class, () -> Sql.update(dataSource, """
                WITH retention AS (SELECT set_config('gridloop.audit_retention', 'on', true))
                DELETE FROM audit_event WHERE actor_id = ? AND EXISTS (SELECT 1 FROM retention)""", actor),
                "not even the retention's setting lets an entry younger than six months go");
        assertThrows(RuntimeException.class, () -> Sql.update(dataSource, "TRUNCATE audit_event"));
        assertEquals(1, Sql.count(dataSource, "SELECT count(*) FROM audit_event WHERE actor_id = ?", actor));
    }

    private void insert(long district, String kind, long actor, OffsetDateTime at) {
        Sql.update(dataSource, "INSERT INTO audit_event (district_id, kind, at, actor_id) VALUES (?, ?, ?, ?)",
                district, kind, at, actor);
    }
}
