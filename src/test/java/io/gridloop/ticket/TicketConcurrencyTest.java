package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.gridloop.ticket.TicketFixtures.account;
import static io.gridloop.ticket.TicketFixtures.community1;
import static io.gridloop.ticket.TicketFixtures.grid1;
import static io.gridloop.ticket.TicketFixtures.pooled;
import static io.gridloop.ticket.TicketFixtures.post;
import static io.gridloop.ticket.TicketFixtures.ticket;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.AtOnce;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.gridloop.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** SPEC §1.6 "claiming is first-come" and SPEC §2 idempotent filing, under real concurrency against one database. */
@QuarkusTest
class TicketConcurrencyTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void of_fifty_simultaneous_claims_on_a_pooled_ticket_exactly_one_wins_and_the_rest_are_409() throws Exception {
        List<String> claimants = new ArrayList<>(List.of("party1", "party2", "gridmember1"));
        for (int i = 0; i < 5; i++) {
            claimants.add(account("party", "PARTY_MEMBER", community1()));
            claimants.add(account("gridmember", "GRID_MEMBER", grid1()));
        }
        claimants.forEach(Api::token);
        long id = pooled("GARBAGE", unique("抢单-"));

        List<Response> responses = AtOnce.requests(50, n -> as(claimants.get(n % claimants.size())).body(Map.of())
                .post("/api/v1/tickets/" + id + "/claim"));

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(49, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        for (Response refused : responses.stream().filter(r -> r.statusCode() == 409).toList()) {
            Problems.problem(refused, 409, "invalid-transition");
        }
        int winning = statuses.indexOf(200);
        long winner = Api.accountId(claimants.get(winning % claimants.size()));
        Response won = responses.get(winning);
        assertEquals("CLAIMED", won.jsonPath().getString("status"));
        assertEquals(winner, won.jsonPath().getLong("assignee.accountId"));

        as("leader1").get("/api/v1/tickets/" + id).then().statusCode(200)
                .body("status", equalTo("CLAIMED"))
                .body("assignee.accountId", equalTo((int) winner))
                .body("version", equalTo(2));
        List<Map<String, Object>> claims = as("leader1").get("/api/v1/tickets/" + id + "/timeline").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>> getList("").stream().filter(e -> "claim".equals(e.get("action")))
                .toList();
        assertThat(claims, hasSize(1));
        assertEquals(winner, ((Number) claims.get(0).get("actorId")).longValue());
        assertEquals(1, Sql.count(dataSource, "SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND action = 'claim'", id));
        assertEquals(List.of(winner), Sql.column(dataSource, "SELECT assignee_id FROM ticket WHERE id = ?", id));
    }

    /**
     * A claim that found a pooled ticket before another change to it committed (a supervision, the deadline scan)
     * finds the version moved when it writes, looks again, finds the ticket still claimable and claims it.
     */
    @Test
    void a_claim_whose_ticket_changed_otherwise_meanwhile_claims_it_all_the_same() throws Exception {
        long id = pooled("GARBAGE", unique("抢单-改动-"));
        Api.token("party1");

        afterAnotherChange(id, () -> as("party1").body(Map.of()).post("/api/v1/tickets/" + id + "/claim")).then()
                .statusCode(200).body("status", equalTo("CLAIMED"));
        assertEquals(1, Sql.count(dataSource, "SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND action = 'claim'", id));
        assertEquals(List.of(Api.accountId("party1")), Sql.column(dataSource, "SELECT assignee_id FROM ticket WHERE id = ?", id));
    }

    @Test
    void fifty_simultaneous_filings_with_one_idempotency_key_file_one_ticket() throws Exception {
        String key = unique("file-burst-");
        String title = unique("幂等提交-");
        Map<String, Object> body = ticket("GARBAGE", title);
        Api.token("resident1");

        List<Response> responses = AtOnce.requests(50, n -> as("resident1").header("Idempotency-Key", key).body(body)
                .post("/api/v1/tickets"));

        assertThat(responses.stream().map(Response::statusCode).toList(), everyItem(oneOf(201, 409)));
        for (Response running : responses.stream().filter(r -> r.statusCode() == 409).toList()) {
            Problems.problem(running, 409, "idempotency-in-progress");
        }
        Response retry = as("resident1").header("Idempotency-Key", key).body(body).post("/api/v1/tickets");
        retry.then().statusCode(201);
        List<Response> created = new ArrayList<>(responses.stream().filter(r -> r.statusCode() == 201).toList());
        created.add(retry);
        Set<String> ids = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (Response response : created) {
            ids.add(response.jsonPath().getString("id"));
            numbers.add(response.jsonPath().getString("number"));
        }
        assertThat(ids, hasSize(1));
        assertThat(numbers, hasSize(1));
        assertEquals(1, Sql.count(dataSource, "SELECT count(*) FROM ticket WHERE title = ?", title));
        assertEquals(1, Sql.count(dataSource, """
                SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id WHERE t.title = ?""", title));
    }

    @Test
    void a_hundred_simultaneous_filings_get_a_hundred_distinct_numbers() throws Exception {
        String resident = account("resident", "RESIDENT", grid1());
        String prefix = unique("并发编号-");
        Api.token(resident);

        List<Response> responses = AtOnce.requests(100, n -> post(resident, ticket("GARBAGE", prefix + "-" + n)));

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertThat(statuses.toString(), statuses, everyItem(oneOf(201)));
        int year = ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).getYear();
        List<String> numbers = responses.stream().map(r -> r.jsonPath().getString("number")).toList();
        assertThat(numbers, everyItem(matchesPattern("GL-" + year + "-\\d{6}")));
        assertThat(new HashSet<>(numbers), hasSize(100));
        assertThat(new HashSet<>(responses.stream().map(r -> r.jsonPath().getString("id")).toList()), hasSize(100));
        List<Object> stored = Sql.column(dataSource, "SELECT DISTINCT number FROM ticket WHERE title LIKE ?", prefix + "-%");
        assertThat(stored, hasSize(100));
        assertEquals(new HashSet<Object>(numbers), new HashSet<>(stored));
    }

    /**
     * The first filings of a year create its number sequence. More of them at once than the
     * connection pool holds (32) must neither wait on each other's connections nor repeat a number.
     */
    @Test
    void the_first_filings_of_a_new_year_all_get_numbers_even_beyond_the_pool_size() throws Exception {
        String resident = account("resident", "RESIDENT", grid1());
        String prefix = unique("新年编号-");
        Api.token(resident);
        int year = 2040 + (int) (System.nanoTime() % 50);
        clock.set(OffsetDateTime.parse(year + "-01-01T00:00:05+08:00"));

        List<Response> responses = AtOnce.requests(80, n -> post(resident, ticket("GARBAGE", prefix + "-" + n)));

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertThat(statuses.toString(), statuses, everyItem(oneOf(201)));
        List<String> numbers = responses.stream().map(r -> r.jsonPath().getString("number")).toList();
        assertThat(numbers, everyItem(matchesPattern("GL-" + year + "-\\d{6}")));
        assertThat(new HashSet<>(numbers), hasSize(80));
        assertThat(numbers, hasItem("GL-" + year + "-000001"));
    }

    /** Any two actions at once on one ticket: the database decides, the loser hears 409, never 500. */
    @Test
    void of_twenty_simultaneous_triages_of_one_ticket_one_wins_and_the_rest_are_409() throws Exception {
        long id = TicketFixtures.file("resident1", ticket("GARBAGE", unique("同时分流-")));
        Api.token("leader1");

        List<Response> responses = AtOnce.requests(20,
                n -> TicketFixtures.action("leader1", id, "triage", Map.of("matterClass", "MINOR", "note", "第" + n + "次")));

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertThat(statuses.toString(), statuses, everyItem(oneOf(200, 409)));
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, Sql.count(dataSource, "SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND action = 'triage'", id));
        // a triage that read the ticket after the winner committed finds it TRIAGED; one that read it
        // before finds the version moved on when it writes
        for (Response lost : responses.stream().filter(r -> r.statusCode() == 409).toList()) {
            assertThat(lost.asString(), lost.jsonPath().getString("type"),
                    oneOf(Problems.TYPE_PREFIX + "invalid-transition", Problems.TYPE_PREFIX + "concurrent-change"));
            Problems.problem(lost, 409, lost.jsonPath().getString("type").substring(Problems.TYPE_PREFIX.length()));
        }
    }

    /**
     * Someone else's change holds the ticket's row while a triage, which read the ticket before it,
     * writes: when that change commits, the triage's version no longer matches. It is told to read
     * again and retry (409 concurrent-change), not that triage is impossible, and keeps nothing.
     */
    @Test
    void an_action_that_read_the_ticket_before_another_change_committed_is_told_to_read_again_and_retry() throws Exception {
        long id = TicketFixtures.file("resident1", ticket("GARBAGE", unique("先到一步-")));
        int filed = as("leader1").get("/api/v1/tickets/" + id).then().extract().path("version");
        Problems.problem(afterAnotherChange(id, () -> TicketFixtures.action("leader1", id, "triage",
                Map.of("matterClass", "MINOR"))), 409, "concurrent-change");
        assertEquals(0, Sql.count(dataSource, "SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND action = 'triage'", id));
        as("leader1").get("/api/v1/tickets/" + id).then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("version", equalTo(filed + 1));
        TicketFixtures.action("leader1", id, "triage", Map.of("matterClass", "MINOR")).then().statusCode(200)
                .body("status", equalTo("TRIAGED"));
    }

    /**
     * No transaction is around an action's statement: what goes with its change must not be kept when the change
     * found the ticket changed first. A resolution that lost so sends no notice, leaves the handler's extension request
     * open and puts no reading of the reporter's phone (which its answer would have shown) on record.
     */
    @Test
    void an_action_that_lost_to_another_change_keeps_nothing_that_went_with_it() throws Exception {
        long id = startedByParty1("落后一步-");
        long extension = TicketFixtures.action("party1", id, "extension-requests", Map.of("reason", "需等待配件到货",
                "dueAt", OffsetDateTime.now(clock).plusDays(20).toString())).then().statusCode(200)
                .extract().<Number> path("extensionRequestId").longValue();
        String audits = "SELECT count(*) FROM audit_event WHERE subject = 'ticket' AND subject_id = ? AND kind = 'PERSONAL_DATA_READ'";
        String notices = "SELECT count(*) FROM notification WHERE ticket_id = ?";
        long audited = Sql.count(dataSource, audits, id);
        long noticed = Sql.count(dataSource, notices, id);
        Problems.problem(afterAnotherChange(id, () -> TicketFixtures.action("party1", id, "resolve",
                Map.of("resolution", "已清运。"))), 409, "concurrent-change");
        assertEquals(0, Sql.count(dataSource, "SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND action = 'resolve'", id));
        assertEquals(List.of("PENDING"), Sql.column(dataSource, "SELECT status FROM ticket_extension WHERE id = ?", extension));
        assertEquals(noticed, Sql.count(dataSource, notices, id), "no notice of the resolution");
        assertEquals(audited, Sql.count(dataSource, audits, id), "no reading of the phone on record");

        TicketFixtures.action("party1", id, "resolve", Map.of("resolution", "已清运。")).then().statusCode(200)
                .body("reporter.phone", matchesPattern("\\d{11}"));
        assertEquals(List.of("LAPSED"), Sql.column(dataSource, "SELECT status FROM ticket_extension WHERE id = ?", extension));
        assertEquals(noticed + 1, Sql.count(dataSource, notices, id), "the reporter told of the resolution");
        assertEquals(audited + 1, Sql.count(dataSource, audits, id), "the phone the handler was shown on record");
    }

    /** A rating pays its handler in its own statement: one that lost to another change closed nothing and pays nothing. */
    @Test
    void a_rating_that_lost_to_another_change_pays_the_handler_nothing() throws Exception {
        long id = startedByParty1("评价落后-");
        TicketFixtures.action("party1", id, "resolve", Map.of("resolution", "已清运。")).then().statusCode(200);
        String paid = "SELECT count(*) FROM points_entry WHERE cause = 'TICKET_CLOSED' AND cause_ref = ?";
        Map<String, Object> rating = Map.of("rating", "SATISFIED", "solved", "SOLVED");

        Problems.problem(afterAnotherChange(id, () -> TicketFixtures.action("resident1", id, "feedback", rating)), 409,
                "concurrent-change");
        assertEquals(0, Sql.count(dataSource, paid, id), "nothing paid for a closing that did not happen");

        TicketFixtures.action("resident1", id, "feedback", rating).then().statusCode(200).body("status", equalTo("CLOSED"));
        assertEquals(1, Sql.count(dataSource, paid, id));
    }

    /** A new ticket of resident1's, through the pool to party1, who has started on it; its id. */
    private static long startedByParty1(String title) {
        long id = TicketFixtures.file("resident1", ticket("GARBAGE", unique(title)));
        TicketFixtures.action("leader1", id, "triage", Map.of("matterClass", "MINOR")).then().statusCode(200);
        TicketFixtures.action("leader1", id, "dispatch", Map.of("target", "POOL")).then().statusCode(200);
        TicketFixtures.action("party1", id, "claim", Map.of()).then().statusCode(200);
        TicketFixtures.action("party1", id, "start", Map.of()).then().statusCode(200);
        return id;
    }

    /**
     * The answer to the request, made while another transaction changes the ticket (its version) and holds its row:
     * that change commits once the request's UPDATE waits for the row, after the request read the ticket.
     */
    private Response afterAnotherChange(long id, Callable<Response> request) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement change = Sql.prepare(other, "UPDATE ticket SET version = version + 1 WHERE id = ?", id)) {
                change.executeUpdate();
            }
            Future<Response> answer = pool.submit(request);
            awaitWaitingOnTicketRow(answer);
            other.commit();
            return answer.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Until the request's UPDATE of the ticket waits for the row lock another transaction holds. */
    private void awaitWaitingOnTicketRow(Future<Response> request) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Sql.count(dataSource, """
                SELECT count(*) FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query ILIKE 'with changed as (update ticket %'""") == 0) {
            if (request.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("the triage never waited for the ticket's row");
            }
            Thread.sleep(20);
        }
    }
}
