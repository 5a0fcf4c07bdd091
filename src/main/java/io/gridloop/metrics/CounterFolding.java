package io.gridloop.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Moves the deltas V23's triggers append ({@code metrics_counter_pending}, {@code metrics_filed_pending})
 * into the counters, so writers never wait for each other on a counter row and the pending tables stay
 * small. Each batch is one transaction of {@code metrics_fold}: its deltas leave the pending table and
 * enter the counters at one commit, and reads sum both ({@link MetricsQueries#counted}), so no figure
 * changes when a batch is folded. Safe on any number of instances: a delta another fold holds is skipped.
 */
@ApplicationScoped
class CounterFolding {

    /** Deltas of each table moved per transaction. */
    static final int BATCH = 10_000;

    private final EntityManager entityManager;

    CounterFolding(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Scheduled(identity = "metrics-fold", every = "${gridloop.metrics.fold-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        fold();
    }

    /** Folds batches until one finds fewer deltas than it may take; answers how many deltas were moved. */
    long fold() {
        long total = 0;
        long moved;
        do {
            moved = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                    .createNativeQuery("SELECT metrics_fold(NULL, :batch)").setParameter("batch", BATCH).getSingleResult())
                    .longValue());
            total += moved;
        } while (moved >= BATCH);
        return total;
    }
}
