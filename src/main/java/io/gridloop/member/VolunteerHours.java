package io.gridloop.member;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.gridloop.member.MemberViews.HoursDecision;
import io.gridloop.member.MemberViews.HoursStatus;
import io.gridloop.member.MemberViews.HoursView;
import io.gridloop.member.MemberViews.NewHours;
import io.gridloop.points.Points;
import io.gridloop.region.Regions;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.time.DistrictConfig;

/**
 * Volunteer hours (SPEC §1.9): a member reports what they did (activity, day, hours), the admin of
 * their community approves or rejects it once. Approval moves the report out of PENDING with a
 * conditional UPDATE (of concurrent decisions one wins, the others get 409) and pays the points
 * ({@link Points#volunteerHoursApproved}, once per report) in the same transaction.
 */
@ApplicationScoped
class VolunteerHours {

    private static final String COLUMNS = """
            h.id, h.account_id, h.community_id, h.community_path, h.activity, CAST(h.day AS text) AS day, h.hours, h.status, h.points, h.note,
            h.created_at, h.decided_at""";

    private final EntityManager entityManager;
    private final Caller caller;
    private final Members members;
    private final Regions regions;
    private final Points points;
    private final DistrictConfig district;
    private final Clock clock;

    VolunteerHours(EntityManager entityManager, Caller caller, Members members, Regions regions, Points points,
            DistrictConfig district, Clock clock) {
        this.entityManager = entityManager;
        this.caller = caller;
        this.members = members;
        this.regions = regions;
        this.points = points;
        this.district = district;
        this.clock = clock;
    }

    /** The member reports their own hours, of a day within the last year (not in the future). */
    @Transactional
    HoursView report(long accountId, NewHours request) {
        if (accountId != caller.accountId()) {
            throw ProblemException.forbidden();
        }
        Members.Member member = members.own().orElseThrow(ProblemException::notFound);
        LocalDate today = LocalDate.ofInstant(clock.instant(), district.zone());
        if (request.day().isAfter(today) || request.day().isBefore(today.minusYears(1))) {
            throw ProblemException.invalidField("day", "member.day-out-of-range");
        }
        if (request.hours().multiply(BigDecimal.valueOf(2)).stripTrailingZeros().scale() > 0) {
            throw ProblemException.invalidField("hours", "member.half-hours");
        }
        Object id = entityManager.createNativeQuery("""
                INSERT INTO volunteer_hours (district_id, account_id, community_id, community_path, activity, day, hours, status,
                                             created_at)
                VALUES (:district, :account, :community, :path, :activity, :day, :hours, 'PENDING', :now) RETURNING id""")
                .setParameter("district", caller.districtId())
                .setParameter("account", accountId)
                .setParameter("community", member.communityId())
                .setParameter("path", member.communityPath())
                .setParameter("activity", request.activity().strip())
                .setParameter("day", request.day())
                .setParameter("hours", request.hours())
                .setParameter("now", OffsetDateTime.now(clock))
                .getSingleResult();
        return find(((Number) id).longValue()).map(VolunteerHours::view).orElseThrow();
    }

    /** A community's reports in one status (pending by default), newest first: its admin's work list. */
    Page<HoursView> list(long communityId, HoursStatus status, int limit, String cursor) {
        regions.communityPath(caller.districtId(), communityId).filter(p -> caller.covers(p, Registrations.MANAGERS))
                .orElseThrow(ProblemException::notFound);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT " + COLUMNS + " FROM volunteer_hours h"
                + " WHERE h.community_id = :community AND h.status = :status AND h.district_id = :district AND h.id < :before"
                + " ORDER BY h.id DESC LIMIT :limit", Tuple.class)
                .setParameter("community", communityId)
                .setParameter("status", (status == null ? HoursStatus.PENDING : status).name())
                .setParameter("district", caller.districtId())
                .setParameter("before", Cursors.before(cursor))
                .setParameter("limit", limit + 1)
                .getResultList();
        return Page.of(rows, limit, r -> r.get("id", Long.class), VolunteerHours::view);
    }

    /** A report, for its member and the admins of its community. */
    HoursView get(long id) {
        return find(id).map(VolunteerHours::view).orElseThrow(ProblemException::notFound);
    }

    /** The admin approves (paying the points) or rejects a pending report; once. */
    @Transactional
    HoursView decide(long id, HoursDecision decision) {
        Tuple report = find(id).orElseThrow(ProblemException::notFound);
        if (!caller.covers(report.get("community_path", String.class), Registrations.MANAGERS)) {
            throw ProblemException.forbidden();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        @SuppressWarnings("unchecked")
        List<Tuple> decided = entityManager.createNativeQuery("""
                UPDATE volunteer_hours SET status = :status, note = :note, decided_at = :now, decided_by = :me
                 WHERE id = :id AND status = 'PENDING'
                RETURNING account_id, hours""", Tuple.class)
                .setParameter("status", (decision.approved() ? HoursStatus.APPROVED : HoursStatus.REJECTED).name())
                .setParameter("note", decision.note() == null || decision.note().isBlank() ? null : decision.note().strip())
                .setParameter("now", now)
                .setParameter("me", caller.accountId())
                .setParameter("id", id)
                .getResultList();
        if (decided.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_TRANSITION, "invalid-transition.detail");
        }
        if (decision.approved()) {
            int paid = points.volunteerHoursApproved(caller.districtId(), decided.get(0).get("account_id", Long.class),
                    decided.get(0).get("hours", BigDecimal.class), id, now);
            entityManager.createNativeQuery("UPDATE volunteer_hours SET points = :paid WHERE id = :id")
                    .setParameter("paid", paid).setParameter("id", id).executeUpdate();
        }
        return find(id).map(VolunteerHours::view).orElseThrow();
    }

    /** The approved hours of a member. */
    BigDecimal approved(long accountId) {
        Object sum = entityManager.createNativeQuery("""
                SELECT coalesce(sum(hours), 0) FROM volunteer_hours
                 WHERE account_id = :account AND district_id = :district AND status = 'APPROVED'""")
                .setParameter("account", accountId).setParameter("district", caller.districtId()).getSingleResult();
        return (BigDecimal) sum;
    }

    /** The report, if the caller made it or manages its community. */
    private Optional<Tuple> find(long id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT " + COLUMNS + " FROM volunteer_hours h"
                + " WHERE h.id = :id AND h.district_id = :district", Tuple.class)
                .setParameter("id", id).setParameter("district", caller.districtId()).getResultList();
        return rows.stream().filter(r -> r.get("account_id", Long.class) == caller.accountId()
                || caller.covers(r.get("community_path", String.class), Registrations.MANAGERS)).findFirst();
    }

    private static HoursView view(Tuple r) {
        return new HoursView(r.get("id", Long.class), r.get("account_id", Long.class), r.get("community_id", Long.class),
                r.get("activity", String.class), LocalDate.parse(r.get("day", String.class)), r.get("hours", BigDecimal.class),
                HoursStatus.valueOf(r.get("status", String.class)), r.get("points", Integer.class), r.get("note", String.class),
                Registrations.utc(r.get("created_at", Instant.class)), Registrations.utc(r.get("decided_at", Instant.class)));
    }
}
