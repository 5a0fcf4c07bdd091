package io.gridloop.webhook;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.gridloop.shared.sql.Batches;
import io.quarkus.scheduler.Scheduled;

/**
 * The outbox does not grow without end: a delivered delivery is removed {@code gridloop.webhooks.keep-delivered}
 * (7 days) after it arrived, a dead letter {@code keep-dead} (30 days) after its last attempt, and a
 * delivery whose subscription is gone at once. Pending deliveries are never removed. Deleted in batches, each in its own
 * short transaction, safe on any number of instances (a row another run or the worker holds is skipped).
 */
@ApplicationScoped
public class OutboxRetention {

    private static final int BATCH = 5_000;

    private final EntityManager entityManager;
    private final Clock clock;
    private final WebhookConfig config;

    OutboxRetention(EntityManager entityManager, Clock clock, WebhookConfig config) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(identity = "webhook-outbox-retention", every = "${gridloop.webhooks.purge-every}", delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /** Returns how many deliveries were removed. */
    public int purge() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Batches.untilNone(() -> entityManager.createNativeQuery("""
                DELETE FROM webhook_delivery WHERE id IN (
                    SELECT d.id FROM webhook_delivery d
                    WHERE d.status = 'DELIVERED' AND d.delivered_at < :deliveredBefore
                       OR d.status = 'DEAD' AND d.last_attempt_at < :deadBefore
                       OR NOT EXISTS (SELECT 1 FROM webhook_subscription s WHERE s.id = d.subscription_id)
                    LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                .setParameter("deliveredBefore", now.minus(config.keepDelivered()))
                .setParameter("deadBefore", now.minus(config.keepDead())).setParameter("batch", BATCH).executeUpdate());
    }
}
