package io.gridloop.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import io.gridloop.shared.sql.Batches;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The audit is kept {@code gridloop.audit.keep} (default 400 days, never less than six months: the
 * service refuses to start with less), then removed in batches, each in its own short transaction,
 * safe on any number of instances (a row another run holds is skipped). The table refuses every other
 * delete; this one says so to its trigger, which still keeps anything younger than six months.
 */
@ApplicationScoped
class AuditRetention {

    /** Six months and a few days: what issue #10 asks to keep, also enforced by the table's trigger. */
    static final Duration MINIMUM = Duration.ofDays(183);
    private static final int BATCH = 5_000;

    private final EntityManager entityManager;
    private final Clock clock;
    private final Duration keep;

    AuditRetention(EntityManager entityManager, Clock clock, AuditConfig config) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.keep = config.keep();
    }

    /** Refuses the start with a setting below six months, rather than deleting what must be kept. */
    void refuseTooShort(@Observes StartupEvent start) {
        requireSixMonths(keep);
    }

    static void requireSixMonths(Duration keep) {
        if (keep.compareTo(MINIMUM) < 0) {
            throw new IllegalStateException("GRIDLOOP_AUDIT_KEEP=" + keep + " is too short: the audit is kept at least "
                    + MINIMUM.toDays() + " days (six months)");
        }
    }

    @Scheduled(identity = "audit-retention", every = "${gridloop.audit.purge-every}", delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        purge();
    }

    /** Returns how many entries were removed. */
    int purge() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(keep);
        return Batches.untilNone(() -> {
            entityManager.createNativeQuery("SELECT set_config('gridloop.audit_retention', 'on', true)").getSingleResult();
            return entityManager.createNativeQuery("""
                    DELETE FROM audit_event WHERE id IN (
                        SELECT id FROM audit_event WHERE at < :before LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                    .setParameter("before", before).setParameter("batch", BATCH).executeUpdate();
        });
    }
}
