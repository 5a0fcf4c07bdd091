package io.gridloop.webhook;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;

import io.gridloop.shared.sql.Batches;
import io.quarkus.scheduler.Scheduled;

/**
 * The outbox does not grow without end: a delivered delivery is removed {@code gridloop.webhooks.keep-delivered}
 * (7 days) after it arrived, a dead letter {@code keep-dead} (30 days) after its last attempt, and a
 * delivery whose subscription is gone at once. Pending deliveries are never removed but for a deleted subscription's,
 * which go within a second of the unsubscribe on the instance that took it (or at the next purge): until then every
 * pass of the worker reads past those that are due, since its due index cannot tell them from the others (a
 * receiver down for hours leaves a backlog of tens of thousands, and each claim walked all of them — docs/benchmarks.md).
 * Deleted in batches, each in its own short transaction, safe on any number of instances (a row another run or the
 * worker holds is skipped).
 */
@ApplicationScoped
public class OutboxRetention {

    private static final int BATCH = 5_000;

    private final EntityManager entityManager;
    private final Clock clock;
    private final WebhookConfig config;
    /** Subscriptions deleted on this instance whose unsent deliveries are still to be dropped. */
    private final Queue<Long> unsubscribed = new ConcurrentLinkedQueue<>();

    OutboxRetention(EntityManager entityManager, Clock clock, WebhookConfig config) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(identity = "webhook-outbox-retention", every = "${gridloop.webhooks.purge-every}", delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        purge();
    }

    void unsubscribed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Unsubscribed event) {
        unsubscribed.add(event.subscriptionId());
    }

    @Scheduled(identity = "webhook-unsubscribed", every = "${gridloop.webhooks.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledUnsent() {
        dropUnsent();
    }

    /**
     * Drops the pending deliveries of the subscriptions deleted here since the last time, through the stream index
     * (V14), in batches; returns how many. One a pass holds while it sends is skipped, left to the next purge.
     */
    public int dropUnsent() {
        int total = 0;
        for (Long subscription; (subscription = unsubscribed.poll()) != null;) {
            long id = subscription;
            total += Batches.untilNone(() -> entityManager.createNativeQuery("""
                    DELETE FROM webhook_delivery WHERE id IN (
                        SELECT d.id FROM webhook_delivery d WHERE d.subscription_id = :subscription AND d.status = 'PENDING'
                        LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                    .setParameter("subscription", id).setParameter("batch", BATCH).executeUpdate());
        }
        return total;
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
