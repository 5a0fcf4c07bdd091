package io.gridloop.webhook;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gridloop.support.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The outbox's upkeep on a real receiver and the test clock: delivered rows go after their keeping time,
 * dead letters after theirs, pending rows never, and a deleted subscription's unsent rows right after the unsubscribe,
 * the rest at the next purge.
 */
@QuarkusTest
class OutboxRetentionTest {

    @Inject
    TestClock clock;
    @Inject
    DeliveryWorker worker;
    @Inject
    OutboxRetention retention;
    @Inject
    EntityManager entityManager;
    @Inject
    WebhookConfig config;

    @AfterEach
    void reset() {
        clock.reset();
    }

    private static RequestSpecification key(String key) {
        return given().header("X-API-Key", key).contentType("application/json");
    }

    private static String newKey() {
        long district = as("admin").get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id").longValue();
        return as("admin").body(Map.of("name", unique("12345热线-"), "regionId", district)).post("/api/v1/api-keys").then()
                .statusCode(201).extract().path("key");
    }

    private static long intake(String apiKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", "12345");
        body.put("externalId", unique("GD"));
        body.put("categoryCode", "GARBAGE");
        body.put("title", "热线来电：垃圾清运");
        body.put("gridId", as("leader1").get("/api/v1/me").then().extract().<Number> path("regions[0].id").longValue());
        body.put("caller", Map.of("name", "王先生", "phone", "13812345678"));
        return key(apiKey).body(body).post("/api/v1/integrations/tickets").then().statusCode(201).extract().<Number> path("id")
                .longValue();
    }

    /** The status of each delivery of the subscription, by ticket. */
    private Map<Long, String> outbox(long subscription) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, String> rows = new LinkedHashMap<>();
            for (Object found : entityManager.createNativeQuery(
                    "SELECT ticket_id, status FROM webhook_delivery WHERE subscription_id = ?1 ORDER BY id")
                    .setParameter(1, subscription).getResultList()) {
                Object[] row = (Object[]) found;
                rows.put(((Number) row[0]).longValue(), (String) row[1]);
            }
            return rows;
        });
    }

    /**
     * Subscribes the key at the receiver and files two tickets through it: the first delivered, the second failed once
     * (the receiver answers 500 from then on). Returns the subscription and the two tickets.
     */
    private long[] oneDeliveredOnePending(Receiver receiver, String apiKey) throws Exception {
        receiver.answer(200);
        long subscription = key(apiKey).body(Map.of("url", receiver.url(), "events", List.of("ticket.created")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().<Number> path("id").longValue();
        long delivered = intake(apiKey);
        worker.deliverDue();
        receiver.answer(500);
        long pending = intake(apiKey);
        worker.deliverDue();
        assertEquals(Map.of(delivered, "DELIVERED", pending, "PENDING"), outbox(subscription));
        return new long[] { subscription, delivered, pending };
    }

    @Test
    void delivered_rows_and_dead_letters_go_after_their_keeping_time_and_pending_rows_stay() throws Exception {
        OffsetDateTime now = OffsetDateTime.parse("2026-11-02T09:00:00+08:00");
        clock.set(now);
        try (Receiver receiver = new Receiver()) {
            String apiKey = newKey();
            long[] rows = oneDeliveredOnePending(receiver, apiKey);
            long subscription = rows[0], delivered = rows[1], failing = rows[2];

            clock.set(now.plus(config.keepDelivered()).minusMinutes(1));
            retention.purge();
            assertEquals(Map.of(delivered, "DELIVERED", failing, "PENDING"), outbox(subscription), "nothing is due to go yet");

            clock.set(now.plus(config.keepDelivered()).plusMinutes(1));
            retention.purge();
            assertEquals(Map.of(failing, "PENDING"), outbox(subscription), "a pending delivery stays however old");

            OffsetDateTime died = now.plus(config.keepDelivered()).plusMinutes(2);
            clock.set(died);
            worker.deliverDue();
            assertEquals(Map.of(failing, "DEAD"), outbox(subscription), "past the retry horizon it is a dead letter");
            clock.set(died.plus(config.keepDead()).minusMinutes(1));
            retention.purge();
            assertEquals(Map.of(failing, "DEAD"), outbox(subscription), "the admin may still redeliver it");
            clock.set(died.plus(config.keepDead()).plusMinutes(1));
            retention.purge();
            assertEquals(Map.of(), outbox(subscription));
        }
    }

    @Test
    void a_deleted_subscriptions_unsent_deliveries_go_right_after_the_unsubscribe_and_its_log_at_the_next_purge() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String apiKey = newKey();
            long[] rows = oneDeliveredOnePending(receiver, apiKey);
            long subscription = rows[0], delivered = rows[1], unsent = rows[2];
            key(apiKey).delete("/api/v1/webhooks/" + subscription).then().statusCode(204);
            key(apiKey).get("/api/v1/webhooks/" + subscription + "/deliveries").then().statusCode(404);

            receiver.answer(200);
            clock.advance(Duration.ofHours(1));
            worker.deliverDue();
            assertEquals(Map.of(delivered, "DELIVERED", unsent, "PENDING"), outbox(subscription),
                    "a delivery without its subscription is never sent");
            assertEquals(2, receiver.received().size(), "the delivered one and the first attempt of the other, no more");
            assertEquals(1, retention.dropUnsent(), "the unsent delivery, observed after the unsubscribe's commit");
            assertEquals(Map.of(delivered, "DELIVERED"), outbox(subscription));
            assertEquals(0, retention.dropUnsent(), "once");
            retention.purge();
            assertEquals(Map.of(), outbox(subscription));
        }
    }
}
