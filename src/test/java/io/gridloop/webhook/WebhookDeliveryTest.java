package io.gridloop.webhook;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.gridloop.shared.sql.Jdbc;
import io.gridloop.support.Sql;
import io.gridloop.support.TestClock;
import io.gridloop.ticket.DeadlineJobs;
import io.gridloop.ticket.TicketEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;

/**
 * The outbox end to end with real parts: tickets filed by an integration key through the intake and
 * moved through the API and the deadline jobs, a real HTTP receiver on this machine, the worker run
 * by the test at times the test clock sets. Signatures are checked by {@link Receiver#verifies}.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final List<String> ALL = List.of("ticket.created", "ticket.status_changed", "ticket.feedback",
            "ticket.overdue", "ticket.supervised");

    @Inject
    TestClock clock;
    @Inject
    DeliveryWorker worker;
    @Inject
    DeadlineJobs jobs;
    @Inject
    Jdbc jdbc;
    @Inject
    TicketEvents events;
    @Inject
    UrlGuard guard;
    @Inject
    ObjectMapper json;
    @Inject
    WebhookConfig config;
    @Inject
    Vertx vertx;
    @Inject
    AgroalDataSource dataSource;

    private final List<Long> subscriptions = new ArrayList<>();
    private OffsetDateTime now;

    @BeforeEach
    void at_nine_on_a_monday() {
        now = OffsetDateTime.parse("2026-11-02T09:00:00+08:00");
        clock.set(now);
    }

    @AfterEach
    void unsubscribe() {
        subscriptions.forEach(id -> as("admin").delete("/api/v1/webhooks/" + id));
        clock.reset();
    }

    // ---- fixtures, all through the API -----------------------------------------------------------

    private static String newKey() {
        long district = as("admin").get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id").longValue();
        return as("admin").body(Map.of("name", unique("12345热线-"), "regionId", district)).post("/api/v1/api-keys").then()
                .statusCode(201).extract().path("key");
    }

    private static RequestSpecification key(String key) {
        return given().header("X-API-Key", key).contentType("application/json");
    }

    /** Subscribes the key to every event type at the receiver; returns [id, secret]. */
    private String[] subscribe(String apiKey, Receiver receiver) {
        JsonPath created = key(apiKey).body(Map.of("url", receiver.url(), "events", ALL)).post("/api/v1/webhooks").then()
                .statusCode(201).body("secret", startsWith("whsec_")).extract().jsonPath();
        subscriptions.add(created.getLong("id"));
        return new String[] { created.getString("id"), created.getString("secret") };
    }

    private static long intake(String apiKey, String category) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", "12345");
        body.put("externalId", unique("GD"));
        body.put("categoryCode", category);
        body.put("title", "热线来电：" + category);
        body.put("gridId", as("leader1").get("/api/v1/me").then().extract().<Number> path("regions[0].id").longValue());
        body.put("caller", Map.of("name", "王先生", "phone", "13812345678"));
        return key(apiKey).body(body).post("/api/v1/integrations/tickets").then().statusCode(201).extract().<Number> path("id")
                .longValue();
    }

    private static void act(String username, long id, String action, Map<String, Object> body) {
        as(username).body(body).post("/api/v1/tickets/" + id + "/" + action).then().statusCode(200);
    }

    private void advance(Duration by) {
        now = now.plus(by);
        clock.set(now);
    }

    /** The event types the timeline of the ticket makes, in order: what the subscriber must receive. */
    private static List<String> expected(long ticketId) {
        List<String> types = new ArrayList<>();
        for (Map<String, Object> e : as("admin").get("/api/v1/tickets/" + ticketId + "/timeline").then().statusCode(200).extract()
                .jsonPath().<Map<String, Object>> getList("")) {
            String action = (String) e.get("action");
            if (action.equals("file")) {
                types.add("ticket.created");
            }
            if (e.get("fromStatus") != null && !e.get("fromStatus").equals(e.get("toStatus"))) {
                types.add("ticket.status_changed");
            }
            if (action.equals("feedback") || action.equals("auto-close")) {
                types.add("ticket.feedback");
            }
            if (action.equals("escalate")) {
                types.add("ticket.overdue");
            }
            if (action.equals("supervise")) {
                types.add("ticket.supervised");
            }
        }
        return types;
    }

    /** Runs the worker, an hour later each time, until every event of the tickets so far has arrived. */
    private void deliverAll(Receiver receiver, List<Long> tickets) {
        int expected = tickets.stream().mapToInt(id -> expected(id).size()).sum();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
            worker.deliverDue();
            advance(config.maxBackoff());
            return receiver.accepted().stream().filter(r -> tickets.contains(r.ticketId())).count() >= expected;
        });
    }

    private static List<String> arrived(Receiver receiver, long ticketId) {
        return receiver.accepted().stream().filter(r -> r.ticketId() == ticketId).map(Receiver.Received::type).toList();
    }

    private static void assertNoMessageTwice(Receiver receiver) {
        Map<String, Integer> times = new HashMap<>();
        receiver.received().forEach(r -> times.merge(r.id(), 1, Integer::sum));
        assertTrue(times.values().stream().allMatch(n -> n == 1), "no message twice: " + times);
    }

    private static JsonPath deliveries(String apiKey, String subscription, String status) {
        var request = key(apiKey).queryParam("limit", 100);
        if (status != null) {
            request.queryParam("status", status);
        }
        return request.get("/api/v1/webhooks/" + subscription + "/deliveries").then().statusCode(200).extract().jsonPath();
    }

    // ---- the tests -------------------------------------------------------------------------------

    @Test
    void every_event_arrives_signed_and_in_order_per_ticket_through_an_outage_and_failures() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String apiKey = newKey();
            String[] subscription = subscribe(apiKey, receiver);

            long closed = intake(apiKey, "GARBAGE");
            act("leader1", closed, "dispatch", Map.of("target", "POOL"));
            act("party1", closed, "claim", Map.of());
            act("party1", closed, "start", Map.of());
            act("party1", closed, "resolve", Map.of("resolution", "已清运"));
            long overdue = intake(apiKey, "GARBAGE");
            act("leader1", overdue, "dispatch", Map.of("target", "POOL"));
            long supervised = intake(apiKey, "GARBAGE");
            act("secretary1", supervised, "supervise", Map.of("level", "YELLOW", "note", "请尽快处理"));
            long notTheKeys = as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", unique("居民自报-"))).post("/api/v1/tickets")
                    .then().statusCode(201).extract().<Number> path("id").longValue();
            act("leader1", notTheKeys, "dispatch", Map.of("target", "POOL"));

            // down: every head is tried and fails, nothing behind a head is tried
            worker.deliverDue();
            JsonPath log = deliveries(apiKey, subscription[0], null);
            assertTrue(log.<Integer> getList("items.attempts").stream().anyMatch(a -> a == 1));
            assertTrue(log.getList("items.lastStatus").stream().allMatch(s -> s == null));

            // the deadline jobs write their events set-based in SQL: the outbox gets them in the same statement
            advance(Duration.ofHours(3));
            assertTrue(jobs.scanOverdue() >= 1);
            assertTrue(deliveries(apiKey, subscription[0], null).<String> getList("items.eventType").contains("ticket.overdue"));

            // up, but failing
            receiver.answer(500);
            advance(config.maxBackoff());
            worker.deliverDue();
            assertTrue(receiver.received().stream().anyMatch(r -> r.answered() == 500));
            assertEquals(List.of(), receiver.accepted());

            // then answering: everything arrives
            receiver.answer(200);
            List<Long> ours = List.of(closed, overdue, supervised);
            deliverAll(receiver, ours);

            // a week later the unrated ticket closes by itself (set-based SQL again)
            advance(Duration.ofDays(8));
            assertTrue(jobs.autoClose() >= 1);
            deliverAll(receiver, ours);

            for (long id : ours) {
                assertEquals(expected(id), arrived(receiver, id), "in order, for ticket " + id);
            }
            assertTrue(arrived(receiver, closed).containsAll(List.of("ticket.created", "ticket.status_changed", "ticket.feedback")));
            assertTrue(arrived(receiver, overdue).contains("ticket.overdue"));
            assertTrue(arrived(receiver, supervised).contains("ticket.supervised"));
            assertEquals(List.of(), arrived(receiver, notTheKeys), "a key's subscription hears only of the tickets it filed");
            for (Receiver.Received r : receiver.received()) {
                assertTrue(Receiver.verifies(r, subscription[1]), "signature of " + r.id());
            }
            JsonPath feedback = receiver.accepted().stream().filter(r -> r.ticketId() == closed && r.type().equals("ticket.feedback"))
                    .findFirst().orElseThrow().json();
            assertEquals("auto-close", feedback.getString("data.action"));
            assertEquals("RESOLVED", feedback.getString("data.from"));
            assertEquals("CLOSED", feedback.getString("data.to"));
            assertEquals("NOT_RATED", feedback.getString("data.details.rating"));
            assertEquals("12345", feedback.getString("data.external.source"));

            JsonPath log2 = deliveries(apiKey, subscription[0], "DELIVERED");
            assertTrue(log2.<Integer> getList("items.attempts").stream().anyMatch(a -> a >= 3));
            assertTrue(log2.<Integer> getList("items.lastStatus").stream().allMatch(s -> s == 200));
        }
    }

    @Test
    void a_request_filed_through_open311_is_heard_by_the_filing_keys_subscription() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(200);
            String apiKey = newKey();
            subscribe(apiKey, receiver);
            long id = Long.parseLong(given().contentType("application/x-www-form-urlencoded")
                    .body("api_key=" + apiKey + "&service_code=GARBAGE&lat=30.2025&long=120.1025&description=open311")
                    .post("/open311/v2/requests.json").then().statusCode(201).extract().<String> path("[0].service_request_id"));
            act("leader1", id, "dispatch", Map.of("target", "POOL"));

            deliverAll(receiver, List.of(id));
            assertEquals(List.of("ticket.created", "ticket.status_changed"), arrived(receiver, id));
        }
    }

    @Test
    void a_delivery_held_by_an_instance_that_died_is_sent_by_another_at_once() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(200);
            String apiKey = newKey();
            String[] subscription = subscribe(apiKey, receiver);
            long id = intake(apiKey, "GARBAGE");

            // another instance's pass takes the head of the stream, and dies before it sends or records anything
            try (Connection instance = dataSource.getConnection()) {
                instance.setAutoCommit(false);
                List<Long> held = new ArrayList<>();
                try (PreparedStatement claim = Sql.prepare(instance, DeliveryWorker.CLAIM, OffsetDateTime.now(clock), 50);
                        ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        held.add(rows.getLong("event_id"));
                    }
                }
                assertTrue(held.contains(firstEvent(id)), "the other instance holds the ticket's first event");
                act("leader1", id, "dispatch", Map.of("target", "POOL"));

                worker.deliverDue();
                assertEquals(List.of(), arrived(receiver, id), "nobody else sends a held stream, nor what follows its head");

                instance.rollback();   // what PostgreSQL does with the transaction of a connection that is gone
            }
            worker.deliverDue();
            assertEquals(List.of("ticket.created", "ticket.status_changed"), arrived(receiver, id));
            JsonPath log = deliveries(apiKey, subscription[0], "DELIVERED");
            assertEquals(List.of(1, 1), log.<Integer> getList("items.attempts"),
                    "the dead instance's attempt left nothing behind: each delivery was attempted once, by this one");
        }
    }

    private long firstEvent(long ticket) {
        return Sql.count(dataSource, "SELECT min(id) FROM ticket_event WHERE ticket_id = ?", ticket);
    }

    @Test
    void a_backlog_is_sent_by_passes_side_by_side_each_event_once_in_order() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.slow(300);
            String apiKey = newKey();
            subscribe(apiKey, receiver);
            List<Long> tickets = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                long id = intake(apiKey, "GARBAGE");
                act("leader1", id, "dispatch", Map.of("target", "POOL"));
                tickets.add(id);
            }
            // a batch of four and three passes: twelve streams are a backlog
            WebhookConfig small = (WebhookConfig) Proxy.newProxyInstance(WebhookConfig.class.getClassLoader(),
                    new Class<?>[] { WebhookConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                        case "batch" -> 4;
                        case "passes" -> 3;
                        default -> method.invoke(config, args);
                    });
            // counted where the worker sends: subscriptions other tests left may hear of these tickets too
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger mostInFlight = new AtomicInteger();
            Sender sender = new Sender(vertx, small) {
                @Override
                io.vertx.core.Future<Answer> post(UrlGuard.Target target, Map<String, String> headers, String body, int limit) {
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    return super.post(target, headers, body, limit).onComplete(done -> inFlight.decrementAndGet());
                }
            };
            DeliveryWorker passes = new DeliveryWorker(jdbc, events, guard, sender, json, clock, small);
            try {
                passes.deliverDue();
            } finally {
                passes.stop();
                sender.stop();
            }
            assertTrue(mostInFlight.get() > 4, "more than one pass's batch at a time: " + mostInFlight.get());
            assertNoMessageTwice(receiver);
            for (long id : tickets) {
                assertEquals(List.of("ticket.created", "ticket.status_changed"), arrived(receiver, id));
            }
        }
    }

    @Test
    void a_run_sends_what_was_due_when_it_began_and_leaves_what_falls_due_meanwhile_to_the_next() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (Receiver receiver = new Receiver()) {
            receiver.slow(500);
            String apiKey = newKey();
            subscribe(apiKey, receiver);
            long first = intake(apiKey, "GARBAGE");
            Future<Integer> run = background.submit(worker::deliverDue);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().stream().anyMatch(r -> r.ticketId() == first));
            // filed while the run's first pass waits for the receiver, a minute after the run began
            advance(Duration.ofMinutes(1));
            long second = intake(apiKey, "GARBAGE");
            run.get();
            assertEquals(List.of("ticket.created"), arrived(receiver, first));
            assertEquals(List.of(), arrived(receiver, second), "not due when the run began: the next run's");
            worker.deliverDue();
            assertEquals(List.of("ticket.created"), arrived(receiver, second));
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void two_workers_on_one_database_deliver_each_event_once_in_order() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(200);
            String apiKey = newKey();
            subscribe(apiKey, receiver);
            List<Long> tickets = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                long id = intake(apiKey, "GARBAGE");
                act("leader1", id, "dispatch", Map.of("target", "POOL"));
                act("secretary1", id, "supervise", Map.of("level", "YELLOW"));
                tickets.add(id);
            }
            Sender otherSender = new Sender(vertx, config);
            DeliveryWorker other = new DeliveryWorker(jdbc, events, guard, otherSender, json, clock, config);
            ExecutorService instances = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 4; round++) {
                    List<Callable<Integer>> both = List.of(worker::deliverDue, other::deliverDue);
                    for (Future<Integer> done : instances.invokeAll(both)) {
                        done.get();
                    }
                }
            } finally {
                instances.shutdownNow();
                otherSender.stop();
            }
            assertNoMessageTwice(receiver);
            for (long id : tickets) {
                assertEquals(List.of("ticket.created", "ticket.status_changed", "ticket.supervised"), arrived(receiver, id));
            }
        }
    }

    @Test
    void a_redirect_is_not_followed_a_long_answer_is_kept_as_an_excerpt_and_a_slow_receiver_times_out() throws Exception {
        try (Receiver receiver = new Receiver(); Receiver elsewhere = new Receiver()) {
            elsewhere.answer(200);
            receiver.redirect(elsewhere.url());
            String apiKey = newKey();
            String[] subscription = subscribe(apiKey, receiver);
            long id = intake(apiKey, "GARBAGE");

            worker.deliverDue();
            JsonPath log = deliveries(apiKey, subscription[0], "PENDING");
            assertEquals(302, log.getInt("items[0].lastStatus"), "a redirect is an answer that is not 2xx");
            assertEquals(List.of(), elsewhere.received(), "and it is not followed");

            receiver.answer(500, "失败".repeat(50_000).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            advance(config.maxBackoff());
            worker.deliverDue();
            log = deliveries(apiKey, subscription[0], "PENDING");
            assertEquals(500, log.getInt("items[0].lastStatus"));
            String excerpt = log.getString("items[0].lastResponse");
            assertTrue(excerpt.startsWith("失败失败") && excerpt.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1000
                    && excerpt.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 1024 && !excerpt.contains("\uFFFD"),
                    "300 KB of answer kept as its first KB, whole characters only: " + excerpt.length() + " characters");

            receiver.slow(config.readTimeout().toMillis() + 2_000);
            advance(config.maxBackoff());
            worker.deliverDue();
            log = deliveries(apiKey, subscription[0], "PENDING");
            assertNull(log.get("items[0].lastStatus"), "no answer within the read timeout");
            assertEquals("timed out after " + config.readTimeout(), log.getString("items[0].lastResponse"));

            receiver.answer(200);
            advance(config.maxBackoff());
            worker.deliverDue();
            assertEquals(List.of("ticket.created"), arrived(receiver, id));
            assertEquals(4, deliveries(apiKey, subscription[0], "DELIVERED").getInt("items[0].attempts"));
        }
    }

    @Test
    void a_delivery_that_cannot_be_sent_fails_alone_and_holds_back_no_other() throws Exception {
        try (Receiver receiver = new Receiver(); Receiver broken = new Receiver()) {
            receiver.answer(200);
            String apiKey = newKey();
            subscribe(apiKey, receiver);
            String[] unsendable = subscribe(apiKey, broken);
            // a URL that no longer parses (written by hand, or by a version that checked less)
            Sql.update(dataSource, "UPDATE webhook_subscription SET url = 'http://bad host/' WHERE id = ?",
                    Long.valueOf(unsendable[0]));
            long id = intake(apiKey, "GARBAGE");
            worker.deliverDue();
            assertEquals(List.of("ticket.created"), arrived(receiver, id));
            JsonPath log = deliveries(apiKey, unsendable[0], "PENDING");
            assertEquals(1, log.getInt("items[0].attempts"));
            assertEquals("failed: IllegalArgumentException", log.getString("items[0].lastResponse"));
        }
    }

    @Test
    void deliveries_left_by_a_removed_subscription_hold_back_no_pass() throws Exception {
        // written beside an unsubscribe by filings that still saw the subscription: more than a batch, due first
        long gone = Sql.count(dataSource, "SELECT coalesce(max(id), 0) + 1000 FROM webhook_subscription");
        try (Connection connection = dataSource.getConnection(); PreparedStatement orphans = Sql.prepare(connection, """
                INSERT INTO webhook_delivery (subscription_id, ticket_id, event_id, event_type, created_at, retry_from, next_attempt_at)
                SELECT ?, -t, -t, 'ticket.created', now(), now(), timestamptz '2000-01-01' + t * interval '1 second'
                FROM generate_series(1, ?) t""", gone, config.batch() * 2)) {
            orphans.executeUpdate();
        }
        try (Receiver receiver = new Receiver()) {
            receiver.answer(200);
            String apiKey = newKey();
            subscribe(apiKey, receiver);
            long id = intake(apiKey, "GARBAGE");
            worker.deliverDue();
            assertEquals(List.of("ticket.created"), arrived(receiver, id));
        } finally {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = Sql.prepare(connection, "DELETE FROM webhook_delivery WHERE subscription_id = ?", gone)) {
                delete.executeUpdate();
            }
        }
    }

    @Test
    void a_delivery_failing_past_the_horizon_is_a_dead_letter_the_admin_redelivers_and_it_holds_nothing_back() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(500);
            String apiKey = newKey();
            String[] subscription = subscribe(apiKey, receiver);
            long id = intake(apiKey, "GARBAGE");
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
                worker.deliverDue();
                advance(config.maxBackoff());
                return !deliveries(apiKey, subscription[0], "DEAD").getList("items").isEmpty();
            });
            JsonPath dead = deliveries(apiKey, subscription[0], "DEAD");
            assertEquals("ticket.created", dead.getString("items[0].eventType"));
            assertEquals(500, dead.getInt("items[0].lastStatus"));
            assertEquals("{\"ok\":false}", dead.getString("items[0].lastResponse"));

            receiver.answer(200);
            act("leader1", id, "dispatch", Map.of("target", "POOL"));
            worker.deliverDue();
            assertEquals(List.of("ticket.status_changed"), arrived(receiver, id), "a dead letter holds its stream back no more");

            long deliveryId = dead.getLong("items[0].id");
            key(apiKey).body(Map.of()).post("/api/v1/webhooks/" + subscription[0] + "/deliveries/" + deliveryId + "/redeliver").then().statusCode(403);
            as("admin").body(Map.of()).post("/api/v1/webhooks/" + subscription[0] + "/deliveries/" + deliveryId + "/redeliver").then()
                    .statusCode(200).body("status", equalTo("PENDING"));
            worker.deliverDue();
            assertEquals(List.of("ticket.status_changed", "ticket.created"), arrived(receiver, id));
        }
    }
}
