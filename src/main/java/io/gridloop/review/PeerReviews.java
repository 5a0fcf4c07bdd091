package io.gridloop.review;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.gridloop.review.ReviewViews.NewPeerReview;
import io.gridloop.review.ReviewViews.PeerReviewView;
import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Directory;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.time.DistrictConfig;

/**
 * 党员互评 (SPEC §1.8): a party member reviews another party member of a community both are registered
 * with (双报到), once per period ({@link PeerPeriod}, in the district's zone); never themselves. A
 * second review of the same member in the period, concurrent or not, meets the unique (reviewer,
 * reviewee, period) and is a 409.
 */
@ApplicationScoped
class PeerReviews {

    /** Besides the reviewer and the reviewee, who reads a review: the community's admin and the district's. */
    private static final Role[] READERS = { Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN };

    private final EntityManager entityManager;
    private final Caller caller;
    private final Directory.Accounts accounts;
    private final ReviewConfig config;
    private final DistrictConfig district;
    private final Clock clock;

    PeerReviews(EntityManager entityManager, Caller caller, Directory.Accounts accounts, ReviewConfig config,
            DistrictConfig district, Clock clock) {
        this.entityManager = entityManager;
        this.caller = caller;
        this.accounts = accounts;
        this.config = config;
        this.district = district;
        this.clock = clock;
    }

    /** 422 naming revieweeId for oneself or someone who is no party member of the caller's community. */
    @Transactional
    PeerReviewView review(NewPeerReview request) {
        long me = caller.accountId();
        if (request.revieweeId() == me) {
            throw unusable("review.self");
        }
        Binding community = sharedCommunity(request.revieweeId()).orElseThrow(() -> unusable("review.unknown-member"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate period = config.peerPeriod().startOf(now.atZoneSameInstant(district.zone()).toLocalDate());
        @SuppressWarnings("unchecked")
        List<Number> made = entityManager.createNativeQuery("""
                INSERT INTO peer_review (district_id, community_id, community_path, reviewer_id, reviewee_id, period_start, score,
                                         text, created_at)
                VALUES (:district, :community, :path, :me, :reviewee, :period, :score, :text, :now)
                ON CONFLICT (reviewer_id, reviewee_id, period_start) DO NOTHING RETURNING id""")
                .setParameter("district", caller.districtId())
                .setParameter("community", community.regionId())
                .setParameter("path", community.regionPath())
                .setParameter("me", me)
                .setParameter("reviewee", request.revieweeId())
                .setParameter("period", period)
                .setParameter("score", request.score())
                .setParameter("text", request.text())
                .setParameter("now", now)
                .getResultList();
        if (made.isEmpty()) {
            throw ProblemException.duplicate("review.peer-exists");
        }
        return get(made.get(0).longValue());
    }

    /** For the reviewer, the reviewee and the admins over the community; anyone else: 404. */
    PeerReviewView get(long id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("""
                SELECT id, community_id, community_path, reviewer_id, reviewee_id, CAST(period_start AS text) AS period_start, score,
                       text, created_at
                  FROM peer_review WHERE id = :id AND district_id = :district""", Tuple.class)
                .setParameter("id", id)
                .setParameter("district", caller.districtId())
                .getResultList();
        long me = caller.accountId();
        return rows.stream()
                .filter(r -> r.get("reviewer_id", Long.class) == me || r.get("reviewee_id", Long.class) == me
                        || caller.covers(r.get("community_path", String.class), READERS))
                .findFirst().map(PeerReviews::view).orElseThrow(ProblemException::notFound);
    }

    /** A community where both hold PARTY_MEMBER now (the reviewee enabled, of the caller's district). */
    private Optional<Binding> sharedCommunity(long revieweeId) {
        List<Binding> theirs = accounts.account(revieweeId).filter(e -> e.districtId() == caller.districtId())
                .map(Directory.Entry::bindings).orElse(List.of());
        return caller.bindings().stream().filter(mine -> mine.role() == Role.PARTY_MEMBER && mine.regionId() != null)
                .filter(mine -> theirs.stream().anyMatch(b -> b.role() == Role.PARTY_MEMBER && mine.regionId().equals(b.regionId())))
                .findFirst();
    }

    private static ProblemException unusable(String key) {
        return ProblemException.unprocessable(List.of(new Problem.Violation("revieweeId", key)), key);
    }

    private static PeerReviewView view(Tuple r) {
        return new PeerReviewView(r.get("id", Long.class), r.get("community_id", Long.class), r.get("reviewer_id", Long.class),
                r.get("reviewee_id", Long.class), LocalDate.parse(r.get("period_start", String.class)), ((Number) r.get("score")).intValue(),
                r.get("text", String.class), r.get("created_at", Instant.class).atOffset(ZoneOffset.UTC));
    }
}
