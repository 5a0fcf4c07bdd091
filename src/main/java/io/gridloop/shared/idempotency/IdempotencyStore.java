package io.gridloop.shared.idempotency;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;

/** The idempotency records, kept in PostgreSQL so that every instance sees every key. */
@ApplicationScoped
class IdempotencyStore {

    sealed interface Claim {
    }

    record Acquired() implements Claim {
    }

    record InProgress() implements Claim {
    }

    record Mismatch() implements Claim {
    }

    record Replay(int status, String body, String location, String etag) implements Claim {
    }

    private final EntityManager entityManager;
    private final Duration retention;
    private final Duration lease;

    IdempotencyStore(EntityManager entityManager, IdempotencyConfig config) {
        this.entityManager = entityManager;
        this.retention = config.retention();
        this.lease = config.lease();
    }

    /**
     * Takes the key for this request, or tells why not. A RUNNING record whose lease ran out (its
     * instance died mid-request) is taken over; a record past retention counts as absent.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Claim claim(String owner, String key, String fingerprint) {
        int inserted = entityManager.createNativeQuery("""
                INSERT INTO idempotency_record (owner, key, fingerprint, state, running_until)
                VALUES (?1, ?2, ?3, 'RUNNING', now() + ?4 * interval '1 second')
                ON CONFLICT (owner, key) DO UPDATE
                   SET fingerprint = excluded.fingerprint, state = 'RUNNING', running_until = excluded.running_until,
                       response_status = NULL, response_body = NULL, response_location = NULL, response_etag = NULL,
                       created_at = now()
                 WHERE idempotency_record.created_at < now() - ?5 * interval '1 second'
                    OR (idempotency_record.state = 'RUNNING' AND idempotency_record.running_until < now()
                        AND idempotency_record.fingerprint = excluded.fingerprint)""")
                .setParameter(1, owner).setParameter(2, key).setParameter(3, fingerprint)
                .setParameter(4, lease.toSeconds()).setParameter(5, retention.toSeconds())
                .executeUpdate();
        if (inserted == 1) {
            return new Acquired();
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("""
                SELECT fingerprint, state, response_status, response_body, response_location, response_etag
                FROM idempotency_record WHERE owner = ?1 AND key = ?2""", Tuple.class)
                .setParameter(1, owner).setParameter(2, key)
                .getResultList();
        if (rows.isEmpty()) {
            return new InProgress();
        }
        Tuple row = rows.get(0);
        if (!fingerprint.equals(row.get("fingerprint", String.class))) {
            return new Mismatch();
        }
        if ("RUNNING".equals(row.get("state", String.class))) {
            return new InProgress();
        }
        return new Replay(row.get("response_status", Number.class).intValue(), row.get("response_body", String.class),
                row.get("response_location", String.class), row.get("response_etag", String.class));
    }

    /** Records the response in the transaction of the work itself: both commit, or neither. */
    @Transactional(Transactional.TxType.MANDATORY)
    void complete(String owner, String key, int status, String body, String location, String etag) {
        entityManager.createNativeQuery("""
                UPDATE idempotency_record
                   SET state = 'DONE', running_until = NULL, response_status = ?3, response_body = ?4,
                       response_location = ?5, response_etag = ?6
                 WHERE owner = ?1 AND key = ?2""")
                .setParameter(1, owner).setParameter(2, key).setParameter(3, status).setParameter(4, body)
                .setParameter(5, location).setParameter(6, etag)
                .executeUpdate();
    }

    /** The work failed and rolled back: free the key so that a retry runs it again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void release(String owner, String key) {
        entityManager.createNativeQuery("DELETE FROM idempotency_record WHERE owner = ?1 AND key = ?2 AND state = 'RUNNING'")
                .setParameter(1, owner).setParameter(2, key)
                .executeUpdate();
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void purgeExpired() {
        entityManager.createNativeQuery("DELETE FROM idempotency_record WHERE created_at < now() - ?1 * interval '1 second'")
                .setParameter(1, retention.toSeconds())
                .executeUpdate();
    }
}
