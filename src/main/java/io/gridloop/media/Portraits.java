package io.gridloop.media;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.web.WebConfig;

/**
 * Uploads kept as an account's portrait (a party member's card photo) instead of attached to a ticket: one
 * per account, seen by whoever {@link PortraitSight} lets see the account's portrait, never removed as
 * unattached while kept. Set and released in the caller's transaction, so a rollback keeps the previous one.
 */
@ApplicationScoped
public class Portraits {

    private final EntityManager entityManager;
    private final String base;

    Portraits(EntityManager entityManager, WebConfig web) {
        this.entityManager = entityManager;
        String url = web.publicBaseUrl().toString();
        this.base = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + MediaBodies.PATH + "/";
    }

    /**
     * Keeps the upload as the account's portrait and releases the one it replaces, which becomes an unattached
     * upload again (removed by {@link MediaRetention} once a day old by its upload time). Only an image the account
     * uploaded that is not attached to a ticket may be (an upload is only ever its uploader's portrait): else 422
     * naming {@code field}, the answer attaching gives.
     */
    public void keep(long districtId, long accountId, long mediaId, String field) {
        release(districtId, accountId, mediaId);
        int kept = entityManager.createNativeQuery("""
                UPDATE media SET portrait_of = :account
                WHERE id = :id AND district_id = :district AND uploader_id = :account AND ticket_id IS NULL
                  AND content_type LIKE 'image/%'""")
                .setParameter("account", accountId).setParameter("id", mediaId).setParameter("district", districtId)
                .executeUpdate();
        if (kept != 1) {
            throw ProblemException.unprocessable(List.of(new Problem.Violation(field, "media.not-portrait")),
                    "media.attachments-refused");
        }
    }

    /** Releases the account's portrait, if it has one: it is an unattached upload again. */
    public void release(long districtId, long accountId) {
        release(districtId, accountId, 0);
    }

    private void release(long districtId, long accountId, long except) {
        entityManager.createNativeQuery("""
                UPDATE media SET portrait_of = NULL WHERE portrait_of = :account AND district_id = :district AND id <> :except""")
                .setParameter("account", accountId).setParameter("district", districtId).setParameter("except", except)
                .executeUpdate();
    }

    /** The account's portrait, if it has one. */
    public Optional<Portrait> of(long districtId, long accountId) {
        List<?> ids = entityManager.createNativeQuery("SELECT id FROM media WHERE portrait_of = :account AND district_id = :district")
                .setParameter("account", accountId).setParameter("district", districtId).getResultList();
        return ids.stream().findFirst().map(id -> {
            long mediaId = ((Number) id).longValue();
            return new Portrait(mediaId, base + mediaId, base + mediaId + "/thumbnail");
        });
    }
}
