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
 * Failed sign-ins, counted in the database so that every instance counts the same (SPEC §2). Guessing
 * is limited where it comes from, so that no one can lock a user out from elsewhere: past its limit
 * within the window a (username, address) pair is locked, and so is an address that fails for many
 * usernames (429, Retry-After). A username alone is never locked, whoever fails for it from wherever:
 * past its limit each sign-in for it is slowed down instead, which costs a guesser spread over many
 * addresses time and the real user a moment.
 */
@ApplicationScoped
class LoginThrottle {

    private final EntityManager entityManager;
    private final int maxPerUsernameAndAddress;
    private final int maxPerUsername;
    private final int maxPerAddress;
    private final Duration window;
    private final Duration slowdown;

    LoginThrottle(EntityManager entityManager, AuthConfig config) {
        this.entityManager = entityManager;
        this.maxPerUsernameAndAddress = config.throttle().maxFailuresPerUsernameAndAddress();
        this.maxPerUsername = config.throttle().maxFailuresPerUsername();
        this.maxPerAddress = config.throttle().maxFailuresPerAddress();
        this.window = config.throttle().window();
        this.slowdown = config.throttle().slowdown();
    }

    /**
     * 429 with Retry-After while the pair or the address is locked; otherwise how long to wait before
     * checking the password: {@code slowdown} once the username has failed too often in the window.
     */
    @Transactional
    Duration requireOpen(String username, String address) {
        @SuppressWarnings("unchecked")
        List<jakarta.persistence.Tuple> rows = entityManager.createNativeQuery("""
                SELECT key, failures, window_start >= now() - ?4 * interval '1 second' AS current,
                       ceil(extract(epoch FROM locked_until - now())) AS wait
                FROM login_throttle WHERE key IN (?1, ?2, ?3)""", jakarta.persistence.Tuple.class)
                .setParameter(1, pairKey(username, address)).setParameter(2, addressKey(address))
                .setParameter(3, userKey(username)).setParameter(4, window.toSeconds())
                .getResultList();
        long wait = 0;
        boolean slow = false;
        for (jakarta.persistence.Tuple row : rows) {
            Number seconds = row.get("wait", Number.class);
            if (!userKey(username).equals(row.get("key", String.class)) && seconds != null && seconds.longValue() > 0) {
                wait = Math.max(wait, seconds.longValue());
            } else if (userKey(username).equals(row.get("key", String.class)) && row.get("current", Boolean.class)
                    && row.get("failures", Number.class).intValue() >= maxPerUsername) {
                slow = true;
            }
        }
        if (wait > 0) {
            throw ProblemException.retryAfter(ProblemType.LOGIN_THROTTLED, wait, "login-throttled.detail");
        }
        return slow ? slowdown : Duration.ZERO;
    }

    /** Counts a failure, in a transaction after the failed sign-in's, which rolls back. */
    @Transactional
    void failed(String username, String address) {
        count(pairKey(username, address), maxPerUsernameAndAddress);
        count(addressKey(address), maxPerAddress);
        count(userKey(username), 0);
    }

    /** Forgets the username's failures, in the sign-in's transaction. */
    @Transactional
    void succeeded(String username, String address) {
        entityManager.createNativeQuery("DELETE FROM login_throttle WHERE key IN (?1, ?2)")
                .setParameter(1, userKey(username)).setParameter(2, pairKey(username, address)).executeUpdate();
    }

    /** Old counts go, so that sprayed usernames do not grow the table without end. */
    @Scheduled(every = "15m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void forgetOldFailures() {
        entityManager.createNativeQuery("""
                DELETE FROM login_throttle
                WHERE window_start < now() - ?1 * interval '1 second' AND (locked_until IS NULL OR locked_until < now())""")
                .setParameter(1, window.toSeconds())
                .executeUpdate();
    }

    /** One more failure for the key; past {@code max} (0: never) the key is locked for the window. */
    private void count(String key, int max) {
        entityManager.createNativeQuery("""
                INSERT INTO login_throttle AS t (key, failures, window_start) VALUES (?1, 1, now())
                ON CONFLICT (key) DO UPDATE SET
                    failures = CASE WHEN t.window_start < now() - ?2 * interval '1 second' THEN 1 ELSE t.failures + 1 END,
                    window_start = CASE WHEN t.window_start < now() - ?2 * interval '1 second' THEN now() ELSE t.window_start END""")
                .setParameter(1, key).setParameter(2, window.toSeconds())
                .executeUpdate();
        if (max == 0) {
            return;
        }
        entityManager.createNativeQuery("""
                UPDATE login_throttle SET locked_until = now() + ?3 * interval '1 second'
                WHERE key = ?1 AND failures >= ?2""")
                .setParameter(1, key).setParameter(2, max).setParameter(3, window.toSeconds())
                .executeUpdate();
    }

    private static String userKey(String username) {
        return "user:" + username.toLowerCase(java.util.Locale.ROOT);
    }

    private static String pairKey(String username, String address) {
        return "pair:" + username.toLowerCase(java.util.Locale.ROOT) + "|" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
