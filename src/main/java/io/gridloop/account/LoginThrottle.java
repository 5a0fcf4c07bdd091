package io.gridloop.account;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;

import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;

/**
 * Failed sign-ins counted per username and per client address, in the database so that every
 * instance counts the same. Past the limit within the window, that key is locked for a while.
 */
@ApplicationScoped
class LoginThrottle {

    private final EntityManager entityManager;
    private final int maxPerUsername;
    private final int maxPerAddress;
    private final Duration window;

    LoginThrottle(EntityManager entityManager, AuthConfig config) {
        this.entityManager = entityManager;
        this.maxPerUsername = config.throttle().maxFailuresPerUsername();
        this.maxPerAddress = config.throttle().maxFailuresPerAddress();
        this.window = config.throttle().window();
    }

    /** 429 with Retry-After while either key is locked. */
    @Transactional
    void requireOpen(String username, String address) {
        @SuppressWarnings("unchecked")
        List<Number> waits = entityManager.createNativeQuery("""
                SELECT ceil(extract(epoch FROM max(locked_until) - now())) FROM login_throttle
                WHERE key IN (?1, ?2) AND locked_until > now()""")
                .setParameter(1, userKey(username)).setParameter(2, addressKey(address))
                .getResultList();
        if (!waits.isEmpty() && waits.get(0) != null) {
            throw ProblemException.retryAfter(ProblemType.LOGIN_THROTTLED, waits.get(0).longValue(), "login-throttled.detail");
        }
    }

    /** Counts a failure in its own transaction: the failed sign-in itself rolls back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void failed(String username, String address) {
        count(userKey(username), maxPerUsername);
        count(addressKey(address), maxPerAddress);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void succeeded(String username) {
        entityManager.createNativeQuery("DELETE FROM login_throttle WHERE key = ?1")
                .setParameter(1, userKey(username)).executeUpdate();
    }

    /** Old counts go, so that sprayed usernames do not grow the table without end. */
    @Scheduled(every = "15m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldFailures() {
        entityManager.createNativeQuery("""
                DELETE FROM login_throttle
                WHERE window_start < now() - ?1 * interval '1 second' AND (locked_until IS NULL OR locked_until < now())""")
                .setParameter(1, window.toSeconds())
                .executeUpdate();
    }

    private void count(String key, int max) {
        entityManager.createNativeQuery("""
                INSERT INTO login_throttle AS t (key, failures, window_start) VALUES (?1, 1, now())
                ON CONFLICT (key) DO UPDATE SET
                    failures = CASE WHEN t.window_start < now() - ?2 * interval '1 second' THEN 1 ELSE t.failures + 1 END,
                    window_start = CASE WHEN t.window_start < now() - ?2 * interval '1 second' THEN now() ELSE t.window_start END""")
                .setParameter(1, key).setParameter(2, window.toSeconds())
                .executeUpdate();
        entityManager.createNativeQuery("""
                UPDATE login_throttle SET locked_until = now() + ?3 * interval '1 second'
                WHERE key = ?1 AND failures >= ?2""")
                .setParameter(1, key).setParameter(2, max).setParameter(3, window.toSeconds())
                .executeUpdate();
    }

    private static String userKey(String username) {
        return "user:" + username.toLowerCase(java.util.Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
