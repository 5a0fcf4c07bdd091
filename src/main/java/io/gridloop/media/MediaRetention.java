package io.gridloop.media;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.gridloop.shared.sql.Batches;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Removes what nobody will use, safe on any number of instances: uploads neither attached nor kept as a
 * portrait ({@link Portraits}) within {@code gridloop.media.unattached-for} (rows in batches,
 * {@code FOR UPDATE SKIP LOCKED}), then stored content no row uses once it is {@code gridloop.media.orphan-after}
 * old (content whose uploads were all removed, or whose upload's transaction rolled back after it was made
 * final), and staged content an upload that died left behind. Content is removed under an exclusive advisory lock on its hash, after
 * the check that no row uses it, so an upload committing the same content (which holds the lock shared)
 * either committed before the check or makes it final again after the removal.
 */
@ApplicationScoped
class MediaRetention {

    private static final Logger LOG = Logger.getLogger(MediaRetention.class);
    private static final int BATCH = 500;
    private static final String OBJECTS = "objects/";
    private static final String THUMBNAILS = "thumbnails/";
    private static final String STAGING = "staging/";

    private final EntityManager entityManager;
    private final MediaStore store;
    private final Clock clock;
    private final Duration unattachedFor;
    private final Duration orphanAfter;

    MediaRetention(EntityManager entityManager, MediaStore store, Clock clock, MediaConfig config) {
        this.entityManager = entityManager;
        this.store = store;
        this.clock = clock;
        this.unattachedFor = config.unattachedFor();
        this.orphanAfter = config.orphanAfter();
    }

    @Scheduled(identity = "media-retention", every = "${gridloop.media.purge-every}", delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        removeUnattached();
        removeOrphans();
    }

    /** Returns how many unattached uploads were removed. */
    int removeUnattached() {
        Instant before = clock.instant().minus(unattachedFor);
        return Batches.untilNone(() -> entityManager.createNativeQuery("""
                DELETE FROM media WHERE id IN (
                    SELECT id FROM media WHERE ticket_id IS NULL AND portrait_of IS NULL AND created_at < :before
                    ORDER BY created_at LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                .setParameter("before", before.atOffset(java.time.ZoneOffset.UTC)).setParameter("batch", BATCH)
                .executeUpdate());
    }

    /** Returns how many stored objects (content, thumbnails, staged files) were removed. */
    int removeOrphans() {
        Instant before = clock.instant().minus(orphanAfter);
        int removed = 0;
        try {
            removed += sweep(OBJECTS, before);
            removed += sweep(THUMBNAILS, before);
            removed += sweepStaging(before);
        } catch (IOException e) {
            LOG.warnf(e, "media store unreachable: orphans stay until the next run");
        }
        return removed;
    }

    private int sweep(String prefix, Instant before) throws IOException {
        int removed = 0;
        String after = null;
        List<MediaStore.Stored> page;
        do {
            page = store.list(prefix, after, BATCH);
            for (MediaStore.Stored stored : page) {
                if (stored.writtenAt().isBefore(before) && removeIfUnused(stored.key(), stored.key().substring(prefix.length()), before)) {
                    removed++;
                }
            }
            after = page.isEmpty() ? null : page.get(page.size() - 1).key();
        } while (page.size() == BATCH);
        return removed;
    }

    private boolean removeIfUnused(String key, String sha256, Instant before) {
        return QuarkusTransaction.requiringNew().call(() -> {
            boolean locked = (Boolean) entityManager.createNativeQuery(
                    "SELECT pg_try_advisory_xact_lock(hashtextextended('media:' || :sha256, 0))")
                    .setParameter("sha256", sha256).getSingleResult();
            if (!locked || !entityManager.createNativeQuery("SELECT 1 FROM media WHERE sha256 = :sha256 LIMIT 1")
                    .setParameter("sha256", sha256).getResultList().isEmpty()) {
                return false;
            }
            Optional<Instant> written = store.writtenAt(key);
            if (written.isEmpty() || !written.get().isBefore(before)) {
                return false;
            }
            store.delete(key);
            return true;
        });
    }

    private int sweepStaging(Instant before) throws IOException {
        int removed = 0;
        String after = null;
        List<MediaStore.Stored> page;
        do {
            page = store.list(STAGING, after, BATCH);
            for (MediaStore.Stored stored : page) {
                if (stored.writtenAt().isBefore(before)) {
                    store.delete(stored.key());
                    removed++;
                }
            }
            after = page.isEmpty() ? null : page.get(page.size() - 1).key();
        } while (page.size() == BATCH);
        return removed;
    }
}
