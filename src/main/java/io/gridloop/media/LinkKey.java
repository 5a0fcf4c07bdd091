package io.gridloop.media;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;

import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The key that signs photo links ({@link PhotoLinks}): one for all instances, kept in {@code media_link_key},
 * made by the first instance that starts (of two at once, the first insert wins and both read it). Read once
 * per instance, at start, so that no request makes it in a transaction of its own beside the request's: it
 * changes only when an operator deletes the row to void every link, and restarts.
 */
@ApplicationScoped
class LinkKey {

    static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager entityManager;
    private final Clock clock;
    private volatile SecretKeySpec key;

    LinkKey(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start) {
        get();
    }

    SecretKeySpec get() {
        SecretKeySpec known = key;
        if (known == null) {
            known = QuarkusTransaction.requiringNew().call(this::loadOrCreate);
            key = known;
        }
        return known;
    }

    private SecretKeySpec loadOrCreate() {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        entityManager.createNativeQuery("""
                INSERT INTO media_link_key (id, secret, created_at) VALUES (1, :secret, :now) ON CONFLICT (id) DO NOTHING""")
                .setParameter("secret", fresh).setParameter("now", OffsetDateTime.now(clock)).executeUpdate();
        byte[] secret = (byte[]) entityManager.createNativeQuery("SELECT secret FROM media_link_key WHERE id = 1")
                .getSingleResult();
        return new SecretKeySpec(secret, ALGORITHM);
    }
}
