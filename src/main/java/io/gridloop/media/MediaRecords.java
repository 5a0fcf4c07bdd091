package io.gridloop.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

/**
 * The rows of the media table, and the step that makes staged content final in the same transaction.
 * The upload holds a shared advisory lock on its content's hash until it commits, and the orphan reaper
 * takes it exclusively before it removes content no row uses ({@link MediaRetention}): so content an
 * upload is committing is never removed under it.
 */
@ApplicationScoped
class MediaRecords {

    private static final Logger LOG = Logger.getLogger(MediaRecords.class);

    /** A row of the media table. */
    record Row(long id, long uploaderId, String contentType, long size, String sha256, Long thumbnailSize, Long ticketId,
            Long portraitOf) {
    }

    private final EntityManager entityManager;
    private final MediaStore store;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;

    MediaRecords(EntityManager entityManager, MediaStore store, TransactionSynchronizationRegistry transactions, Clock clock) {
        this.entityManager = entityManager;
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
    }

    static String objectKey(String sha256) {
        return "objects/" + sha256;
    }

    static String thumbnailKey(String sha256) {
        return "thumbnails/" + sha256;
    }

    /**
     * Records the upload and moves its staged content to its final keys, before the transaction commits; if
     * it rolls back instead, what is still staged is removed then, and content made final that no row uses is
     * the orphan reaper's.
     */
    @Transactional
    MediaView save(long districtId, long uploaderId, Inspected upload, String stagedContent, String stagedThumbnail) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    discardStaged(stagedContent, stagedThumbnail);
                }
            }
        });
        // held until commit: the orphan reaper removes content only under the same lock, exclusively
        entityManager.createNativeQuery("SELECT CAST(1 AS integer) FROM (SELECT pg_advisory_xact_lock_shared("
                + "hashtextextended('media:' || :sha256, 0))) l").setParameter("sha256", upload.sha256()).getSingleResult();
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = ((Number) entityManager.createNativeQuery("""
                INSERT INTO media (district_id, uploader_id, content_type, size, sha256, width, height, thumbnail_size, created_at)
                VALUES (:district, :uploader, :type, :size, :sha256, :width, :height, :thumbnailSize, :now) RETURNING id""")
                .setParameter("district", districtId).setParameter("uploader", uploaderId)
                .setParameter("type", upload.contentType()).setParameter("size", upload.size())
                .setParameter("sha256", upload.sha256()).setParameter("width", upload.width())
                .setParameter("height", upload.height()).setParameter("thumbnailSize", upload.thumbnailSize())
                .setParameter("now", now).getSingleResult()).longValue();
        try {
            store.promote(stagedContent, objectKey(upload.sha256()));
            if (stagedThumbnail != null) {
                store.promote(stagedThumbnail, thumbnailKey(upload.sha256()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MediaView(id, upload.contentType(), upload.size(), upload.sha256(), upload.width(), upload.height(),
                upload.thumbnailSize() != null, now);
    }

    void discardStaged(String... keys) {
        for (String key : keys) {
            if (key == null) {
                continue;
            }
            try {
                store.delete(key);
            } catch (IOException e) {
                LOG.warnf(e, "staged media %s stays until the orphan reaper removes it", key);
            }
        }
    }

    /** The upload in the district, if there is one. */
    @Transactional
    Optional<Row> find(long districtId, long id) {
        return row(entityManager.createNativeQuery("""
                SELECT id, uploader_id, content_type, size, sha256, thumbnail_size, ticket_id, portrait_of FROM media
                WHERE id = :id AND district_id = :district""", Tuple.class)
                .setParameter("id", id).setParameter("district", districtId).getResultList());
    }

    /** The upload, if it is an image attached to a ticket. */
    @Transactional
    Optional<Row> attachedImage(long id) {
        return row(entityManager.createNativeQuery("""
                SELECT id, uploader_id, content_type, size, sha256, thumbnail_size, ticket_id, portrait_of FROM media
                WHERE id = :id AND ticket_id IS NOT NULL AND content_type LIKE 'image/%'""", Tuple.class)
                .setParameter("id", id).getResultList());
    }

    private static Optional<Row> row(List<?> rows) {
        return rows.stream().map(Tuple.class::cast).findFirst().map(r -> new Row(r.get("id", Long.class), r.get("uploader_id", Long.class),
                r.get("content_type", String.class), r.get("size", Long.class), r.get("sha256", String.class),
                r.get("thumbnail_size", Long.class), r.get("ticket_id", Long.class),
                r.get("portrait_of", Long.class)));
    }
}
