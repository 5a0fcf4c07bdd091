package io.gridloop.member;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.media.Portraits;
import io.gridloop.member.MemberViews.CommitmentsChange;
import io.gridloop.member.MemberViews.CommitmentsView;
import io.gridloop.member.MemberViews.PhotoView;
import io.gridloop.member.MemberViews.Post;
import io.gridloop.member.MemberViews.PostsChange;
import io.gridloop.member.MemberViews.PostsView;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.web.Versions;

/**
 * A member is an account with a confirmed registration (双报到): seen by everyone who belongs to its
 * community ({@link Caller#belongsTo}), not found by anyone else. Posts (设岗定职) are the community
 * admin's to set, commitments (亮承诺) and the card's photo the member's own; each has its own version (If-Match).
 * The photo is one of the member's uploads, kept by media ({@link Portraits}) while it is the card's.
 */
@ApplicationScoped
class Members {

    /** A member as its confirmed registration has it. */
    record Member(long registrationId, long accountId, long communityId, String communityPath, String partyOrganisation,
            Instant registeredAt, List<Post> posts, long postsVersion, List<String> commitments, long commitmentsVersion,
            long photoVersion) {
    }

    private final EntityManager entityManager;
    private final Caller caller;
    private final ObjectMapper json;
    private final Portraits portraits;

    Members(EntityManager entityManager, Caller caller, ObjectMapper json, Portraits portraits) {
        this.entityManager = entityManager;
        this.caller = caller;
        this.json = json;
        this.portraits = portraits;
    }

    /** The member, if the caller belongs to the member's community; else not found. */
    Member visible(long accountId) {
        return seen(accountId).orElseThrow(ProblemException::notFound);
    }

    /** The member, if the caller belongs to the member's community. */
    Optional<Member> seen(long accountId) {
        return confirmed(accountId, "").filter(m -> caller.belongsTo(m.communityPath()));
    }

    /** The community's admin (or the district's) gives the member their posts. */
    @Transactional
    PostsView replacePosts(long accountId, String ifMatch, PostsChange change) {
        Member member = locked(accountId);
        if (!caller.covers(member.communityPath(), Registrations.MANAGERS)) {
            throw ProblemException.forbidden();
        }
        Versions.requireMatch(ifMatch, member.postsVersion());
        List<Post> posts = change.posts().stream()
                .map(p -> new Post(p.title().strip(), p.duty() == null || p.duty().isBlank() ? null : p.duty().strip())).toList();
        entityManager.createNativeQuery("""
                UPDATE member_registration SET posts = CAST(:posts AS jsonb), posts_version = posts_version + 1 WHERE id = :id""")
                .setParameter("posts", write(posts)).setParameter("id", member.registrationId()).executeUpdate();
        Member changed = locked(accountId);
        return new PostsView(accountId, changed.posts(), changed.postsVersion());
    }

    /** The member states their own commitments (亮承诺); nobody else may. */
    @Transactional
    CommitmentsView replaceCommitments(long accountId, String ifMatch, CommitmentsChange change) {
        Member member = locked(accountId);
        if (accountId != caller.accountId()) {
            throw ProblemException.forbidden();
        }
        Versions.requireMatch(ifMatch, member.commitmentsVersion());
        entityManager.createNativeQuery("""
                UPDATE member_registration SET commitments = CAST(:commitments AS jsonb),
                       commitments_version = commitments_version + 1 WHERE id = :id""")
                .setParameter("commitments", write(change.commitments().stream().map(String::strip).toList()))
                .setParameter("id", member.registrationId()).executeUpdate();
        Member changed = locked(accountId);
        return new CommitmentsView(accountId, changed.commitments(), changed.commitmentsVersion());
    }

    /**
     * The member sets their card's photo from one of their own uploads (an image not attached to a ticket, else
     * 422 on {@code mediaId}, as attaching answers), or removes it ({@code mediaId} null); nobody else may. The photo replaced is released (an unattached upload again, soon removed), in the same transaction.
     */
    @Transactional
    PhotoView replacePhoto(long accountId, String ifMatch, Long mediaId) {
        Member member = locked(accountId);
        if (accountId != caller.accountId()) {
            throw ProblemException.forbidden();
        }
        Versions.requireMatch(ifMatch, member.photoVersion());
        if (mediaId == null) {
            portraits.release(caller.districtId(), accountId);
        } else {
            portraits.keep(caller.districtId(), accountId, mediaId, "mediaId");
        }
        entityManager.createNativeQuery("UPDATE member_registration SET photo_version = photo_version + 1 WHERE id = :id")
                .setParameter("id", member.registrationId()).executeUpdate();
        return new PhotoView(accountId, portraits.of(caller.districtId(), accountId).orElse(null), member.photoVersion() + 1);
    }

    /** The visible member's registration row locked to the end of the transaction, so version checks cannot race. */
    private Member locked(long accountId) {
        return confirmed(accountId, " FOR UPDATE").filter(m -> caller.belongsTo(m.communityPath()))
                .orElseThrow(ProblemException::notFound);
    }

    private Optional<Member> confirmed(long accountId, String lock) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("""
                SELECT id, account_id, community_id, community_path, party_organisation, created_at, CAST(posts AS text) AS posts,
                       posts_version, CAST(commitments AS text) AS commitments, commitments_version, photo_version
                  FROM member_registration
                 WHERE account_id = :account AND district_id = :district AND status = 'CONFIRMED'""" + lock, Tuple.class)
                .setParameter("account", accountId).setParameter("district", caller.districtId()).getResultList();
        return rows.stream().findFirst().map(r -> new Member(r.get("id", Long.class), accountId, r.get("community_id", Long.class),
                r.get("community_path", String.class), r.get("party_organisation", String.class),
                r.get("created_at", Instant.class), read(r.get("posts", String.class), new TypeReference<List<Post>>() {
                }), r.get("posts_version", Long.class), read(r.get("commitments", String.class),
                        new TypeReference<List<String>>() {
                        }), r.get("commitments_version", Long.class), r.get("photo_version", Long.class)));
    }

    /** The member's community, for another feature of this package acting as the member (volunteer hours). */
    Optional<Member> own() {
        return confirmed(caller.accountId(), "");
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("member_registration holds JSON it did not write", e);
        }
    }
}
