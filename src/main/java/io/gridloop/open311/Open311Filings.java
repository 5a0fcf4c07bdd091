package io.gridloop.open311;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.gridloop.media.PhotoLinks;

/** {@code open311_request}: what Open311 adds to the tickets it filed. */
@ApplicationScoped
class Open311Filings {

    /** A request filed before: its ticket and the token its POST answered. */
    record Filed(long ticketId, UUID token) {
    }

    record Record(long ticketId, long districtId, long apiKeyId, UUID token, String fingerprint, String deviceId, String email,
            String mediaUrl, String attributes, OffsetDateTime filedAt) {
    }

    private final EntityManager entityManager;
    private final PhotoLinks photos;

    Open311Filings(EntityManager entityManager, PhotoLinks photos) {
        this.entityManager = entityManager;
        this.photos = photos;
    }

    /**
     * The request this key filed with the same fields since {@code since}, if any. Takes a transaction
     * lock on (key, fingerprint) first, so of two identical POSTs at once the second waits for the first
     * to commit and then finds it: one ticket, not two.
     */
    @Transactional(TxType.MANDATORY)
    Optional<Filed> retried(long apiKeyId, String fingerprint, OffsetDateTime since) {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, ?2))")
                .setParameter(1, fingerprint).setParameter(2, apiKeyId).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("""
                SELECT ticket_id, token FROM open311_request
                WHERE api_key_id = ?1 AND fingerprint = ?2 AND filed_at >= ?3
                ORDER BY filed_at LIMIT 1""", Tuple.class)
                .setParameter(1, apiKeyId).setParameter(2, fingerprint).setParameter(3, since).getResultList();
        return rows.stream().findFirst().map(r -> new Filed(r.get("ticket_id", Long.class), r.get("token", UUID.class)));
    }

    @Transactional(TxType.MANDATORY)
    void record(Record r) {
        entityManager.createNativeQuery("""
                INSERT INTO open311_request (ticket_id, district_id, api_key_id, token, fingerprint, device_id, email, media_url,
                                             attributes, filed_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CAST(?9 AS jsonb), ?10)""")
                .setParameter(1, r.ticketId()).setParameter(2, r.districtId()).setParameter(3, r.apiKeyId())
                .setParameter(4, r.token()).setParameter(5, r.fingerprint()).setParameter(6, r.deviceId())
                .setParameter(7, r.email()).setParameter(8, r.mediaUrl()).setParameter(9, r.attributes())
                .setParameter(10, r.filedAt()).executeUpdate();
    }

    /** The ticket a token of the district stands for. */
    Optional<Long> ticketOf(long districtId, UUID token) {
        @SuppressWarnings("unchecked")
        List<Long> ids = entityManager.createNativeQuery(
                "SELECT ticket_id FROM open311_request WHERE token = ?1 AND district_id = ?2", Long.class)
                .setParameter(1, token).setParameter(2, districtId).getResultList();
        return ids.stream().findFirst();
    }

    /**
     * The media URL of each ticket that has one: its first photo, as a signed link that a client fetches
     * without credentials ({@link PhotoLinks}); else the URL the Open311 client sent with it (kept as given,
     * never fetched by the service).
     */
    Map<Long, String> mediaUrls(List<Long> ticketIds) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery(
                "SELECT ticket_id, media_url FROM open311_request WHERE ticket_id = ANY (?1) AND media_url IS NOT NULL", Tuple.class)
                .setParameter(1, ticketIds.toArray(Long[]::new)).getResultList();
        Map<Long, String> urls = rows.stream()
                .collect(Collectors.toMap(r -> r.get("ticket_id", Long.class), r -> r.get("media_url", String.class), (a, b) -> a,
                        HashMap::new));
        urls.putAll(photos.firstPhotos(ticketIds));
        return urls;
    }
}
