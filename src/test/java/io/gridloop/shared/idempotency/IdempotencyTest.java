package io.gridloop.shared.idempotency;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.gridloop.support.Catalog.category;
import static io.gridloop.support.Catalog.uniqueCode;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

/** SPEC §2 Idempotency-Key, on POST /api/v1/categories: a retry never files twice. */
@QuarkusTest
class IdempotencyTest {

    private static final String KEY = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";

    @Inject
    AgroalDataSource dataSource;

    private static Response post(String username, String key, Map<String, Object> body) {
        return as(username).header(KEY, key).body(body).post("/api/v1/categories");
    }

    private static String owner(String username) {
        return "account:" + Api.accountId(username);
    }

    private long categories(String code) {
        return Sql.count(dataSource, "SELECT count(*) FROM category WHERE code = ?", code);
    }

    private long records(String owner, String key) {
        return Sql.count(dataSource, "SELECT count(*) FROM idempotency_record WHERE owner = ? AND key = ?", owner, key);
    }

    @Test
    void a_retry_with_the_same_key_and_body_replays_the_first_response() {
        String key = unique("replay-");
        String code = uniqueCode("IDEM");
        Response first = post("admin", key, category(code));
        first.then().statusCode(201).header(REPLAYED, nullValue()).header("Location", notNullValue());

        Response retry = post("admin", key, category(code));

        retry.then().statusCode(201).header(REPLAYED, "true");
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.header("ETag"), retry.header("ETag"));
        assertEquals(first.jsonPath().getMap(""), retry.jsonPath().getMap(""));
        assertEquals(code, retry.jsonPath().getString("code"));
        assertEquals(1, categories(code));
    }

    @Test
    void the_same_key_with_another_body_is_422_and_files_nothing() {
        String key = unique("reused-");
        String first = uniqueCode("IDEM");
        String second = uniqueCode("IDEM");
        post("admin", key, category(first)).then().statusCode(201);

        Problems.problem(post("admin", key, category(second)), 422, "idempotency-key-reused");

        assertEquals(0, categories(second));
        post("admin", key, category(first)).then().statusCode(201).header(REPLAYED, "true");
    }

    /**
     * The first request is really still running: it waits for the category's unique code, which an
     * open transaction of this test holds, until the test lets it go.
     */
    @Test
    void a_retry_while_the_first_request_still_runs_is_409_and_then_replays() throws Exception {
        String key = unique("running-");
        String code = uniqueCode("IDEM");
        long district = as("admin").get("/api/v1/me").then().extract().<Number> path("account.districtId").longValue();
        String owner = owner("admin");
        Response first;
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement insert = Sql.prepare(blocker, """
                    INSERT INTO category (id, district_id, code, name_zh, name_en, group_name, default_matter_class,
                                          response_limit, response_limit_unit, resolution_limit, resolution_limit_unit)
                    VALUES (-1, ?, ?, '占位', 'placeholder', '测试', 'MINOR', 1, 'HOURS', 1, 'HOURS')""", district, code)) {
                insert.executeUpdate();
            }
            CompletableFuture<Response> running = CompletableFuture.supplyAsync(() -> post("admin", key, category(code)));
            awaitRecord(owner, key, "RUNNING");

            Response retry = post("admin", key, category(code));

            Problems.problem(retry, 409, "idempotency-in-progress");
            assertThat(Integer.parseInt(retry.header("Retry-After")), greaterThan(0));
            blocker.rollback();
            first = running.get(30, TimeUnit.SECONDS);
        }

        first.then().statusCode(201).header(REPLAYED, nullValue());
        Response replay = post("admin", key, category(code));
        replay.then().statusCode(201).header(REPLAYED, "true");
        assertEquals(first.jsonPath().getMap(""), replay.jsonPath().getMap(""));
        assertEquals(1, categories(code));
    }

    /** The first request runs on another thread: wait until it has claimed its key, not for a fixed time. */
    private void awaitRecord(String owner, String key, String state) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .alias("a " + state + " record for key " + key)
                .until(() -> Sql.column(dataSource, "SELECT state FROM idempotency_record WHERE owner = ? AND key = ?",
                        owner, key).contains(state));
    }

    /** SPEC §2: another body under a key is 422, whether or not the request that holds the key still runs. */
    @Test
    void a_key_held_by_a_different_request_is_422_while_it_runs_and_after_its_lease() {
        String owner = owner("admin");
        String live = unique("foreign-");
        String expired = unique("foreign-");
        Sql.update(dataSource, """
                INSERT INTO idempotency_record (owner, key, fingerprint, state, running_until)
                VALUES (?, ?, 'another request', 'RUNNING', now() + interval '1 minute'),
                       (?, ?, 'another request', 'RUNNING', now() - interval '1 minute')""", owner, live, owner, expired);
        String code = uniqueCode("IDEM");

        Problems.problem(post("admin", live, category(code)), 422, "idempotency-key-reused");
        Problems.problem(post("admin", expired, category(code)), 422, "idempotency-key-reused");

        assertEquals(0, categories(code));
    }

    /** An instance died mid-request: its work rolled back, its record stayed RUNNING, and the lease ran out. */
    @Test
    void a_running_record_whose_lease_expired_is_taken_over_by_the_retry() {
        String key = unique("orphan-");
        String code = uniqueCode("IDEM");
        String owner = owner("admin");
        post("admin", key, category(code)).then().statusCode(201);
        Sql.update(dataSource, "DELETE FROM category WHERE code = ?", code);
        Sql.update(dataSource, """
                UPDATE idempotency_record SET state = 'RUNNING', running_until = now() - interval '1 second',
                       response_status = NULL, response_body = NULL, response_location = NULL, response_etag = NULL
                 WHERE owner = ? AND key = ?""", owner, key);

        post("admin", key, category(code)).then().statusCode(201).header(REPLAYED, nullValue()).body("code", equalTo(code));

        assertEquals(1, categories(code));
        assertEquals(List.of("DONE"), Sql.column(dataSource,
                "SELECT state FROM idempotency_record WHERE owner = ? AND key = ?", owner, key));
    }

    @Test
    void a_request_that_fails_frees_its_key_for_a_corrected_retry() {
        String taken = uniqueCode("IDEM");
        as("admin").body(category(taken)).post("/api/v1/categories").then().statusCode(201);
        String key = unique("failing-");

        Problems.problem(post("admin", key, category(taken)), 409, "duplicate");
        assertEquals(0, records(owner("admin"), key));

        String corrected = uniqueCode("IDEM");
        post("admin", key, category(corrected)).then().statusCode(201).header(REPLAYED, nullValue())
                .body("code", equalTo(corrected));
        post("admin", key, category(corrected)).then().statusCode(201).header(REPLAYED, "true");
    }

    @Test
    void a_body_that_fails_validation_never_takes_the_key() {
        String key = unique("invalid-");
        Map<String, Object> invalid = category("lower-case");

        Problems.problem(post("admin", key, invalid), 400, "validation");

        assertEquals(0, records(owner("admin"), key));
    }

    @Test
    void an_unusable_key_is_a_violation_of_the_header() {
        for (String key : List.of("has spaces", "k".repeat(256))) {
            Response response = post("admin", key, category(uniqueCode("IDEM")));

            assertThat(Problems.problem(response, 400, "validation").getList("violations.field"), equalTo(List.of(KEY)));
        }
    }

    @Test
    void fifty_simultaneous_posts_with_one_key_file_once() throws Exception {
        String key = unique("burst-");
        String code = uniqueCode("IDEM");
        Api.token("admin");
        int requests = 50;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Response> responses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> pending = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                pending.add(pool.submit(() -> {
                    start.await();
                    return post("admin", key, category(code));
                }));
            }
            start.countDown();
            for (Future<Response> response : pending) {
                responses.add(response.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(responses.stream().map(Response::statusCode).toList(), everyItem(oneOf(201, 409)));
        List<Response> created = responses.stream().filter(r -> r.statusCode() == 201).toList();
        assertThat(created.stream().filter(r -> r.header(REPLAYED) == null).toList(), hasSize(1));
        Map<String, Object> body = created.get(0).jsonPath().getMap("");
        for (Response response : created) {
            assertEquals(body, response.jsonPath().getMap(""));
        }
        for (Response conflict : responses.stream().filter(r -> r.statusCode() == 409).toList()) {
            Problems.problem(conflict, 409, "idempotency-in-progress");
            assertThat(conflict.header("Retry-After"), notNullValue());
        }
        assertEquals(1, categories(code));
    }

    @Test
    void keys_belong_to_their_caller_so_another_account_may_use_the_same_one() {
        long district = as("admin").get("/api/v1/me").then().extract().<Number> path("account.districtId").longValue();
        String otherAdmin = unique("admin.");
        as("admin").body(Map.of("username", otherAdmin, "password", Api.PASSWORD, "name", "第二管理员",
                "roles", List.of(Map.of("role", "DISTRICT_ADMIN", "regionId", district)), "mustChangePassword", false))
                .post("/api/v1/accounts").then().statusCode(201);
        String key = unique("shared-");
        String mine = uniqueCode("IDEM");
        String theirs = uniqueCode("IDEM");

        post("admin", key, category(mine)).then().statusCode(201).header(REPLAYED, nullValue());
        post(otherAdmin, key, category(theirs)).then().statusCode(201).header(REPLAYED, nullValue())
                .body("code", equalTo(theirs));

        assertEquals(1, categories(mine));
        assertEquals(1, categories(theirs));
        assertEquals(1, records(owner("admin"), key));
        assertEquals(1, records(owner(otherAdmin), key));
    }
}
