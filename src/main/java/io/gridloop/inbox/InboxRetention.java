package io.gridloop.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.gridloop.shared.sql.Batches;
import io.quarkus.scheduler.Scheduled;

/**
 * Inboxes do not grow without end: a notification read more than {@code gridloop.inbox.keep-read}
 * ago (default 90 days) is removed, and any older than {@code gridloop.inbox.keep} (default a year),
 * read or not. The ticket's timeline, not the inbox, is the record. Deleted in batches, each in its
 * own short transaction, and safe on any number of instances (a row another run holds is skipped).
 */
@ApplicationScoped
public class InboxRetention {

    private static final int BATCH = 5_000;

    private final EntityManager entityManager;
    private final Clock clock;
    private final Duration keepRead;
    private final Duration keep;

    InboxRetention(EntityManager entityManager, Clock clock, InboxConfig config) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.keepRead = config.keepRead();
        this.keep = config.keep();
    }

    @Scheduled(identity = "inbox-retention", every = "${gridloop.inbox.purge-every}", delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        purge();
    }

    /** Returns how many notifications were removed. */
    public int purge() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Batches.untilNone(() -> entityManager.createNativeQuery("""
                DELETE FROM notification WHERE id IN (
                    SELECT id FROM notification
                    WHERE read_at < :readBefore OR created_at < :createdBefore
                    LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                .setParameter("readBefore", now.minus(keepRead)).setParameter("createdBefore", now.minus(keep))
                .setParameter("batch", BATCH).executeUpdate());
    }
}
