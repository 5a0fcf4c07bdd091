package io.gridloop.member;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.gridloop.account.Accounts;
import io.gridloop.member.MemberViews.NewRegistration;
import io.gridloop.member.MemberViews.RegistrationDecision;
import io.gridloop.member.MemberViews.RegistrationStatus;
import io.gridloop.member.MemberViews.RegistrationView;
import io.gridloop.region.Regions;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;

/**
 * 双报到 (SPEC §1.2): a party member registers with the community where they live, naming their working
 * unit's party organisation; the community's admin (or the district's) confirms, which makes the
 * account a PARTY_MEMBER of the community ({@link Accounts#bind}) in the same transaction, or declines.
 * An account has one open registration at a time (a unique index settles concurrent ones).
 */
@ApplicationScoped
class Registrations {

    static final Role[] MANAGERS = { Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN };
    private static final String COLUMNS = """
            r.id, r.account_id, r.community_id, r.community_path, r.party_organisation, r.status, r.note, r.created_at,
            r.decided_at""";

    private final EntityManager entityManager;
    private final Caller caller;
    private final Regions regions;
    private final Accounts accounts;
    private final Clock clock;

    Registrations(EntityManager entityManager, Caller caller, Regions regions, Accounts accounts, Clock clock) {
        this.entityManager = entityManager;
        this.caller = caller;
        this.regions = regions;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The caller registers themselves; someone else's account is refused (403). */
    @Transactional
    RegistrationView register(long accountId, NewRegistration request) {
        if (accountId != caller.accountId()) {
            throw ProblemException.forbidden();
        }
        String path = regions.communityPath(caller.districtId(), request.communityId())
                .orElseThrow(() -> ProblemException.unprocessable(
                        List.of(new Problem.Violation("communityId", "member.unknown-community")), "member.unknown-community"));
        @SuppressWarnings("unchecked")
        List<Object> id = entityManager.createNativeQuery("""
                INSERT INTO member_registration (district_id, account_id, community_id, community_path, party_organisation, status,
                                                 created_at)
                VALUES (:district, :account, :community, :path, :organisation, 'PENDING', :now)
                ON CONFLICT (account_id) WHERE status IN ('PENDING', 'CONFIRMED') DO NOTHING RETURNING id""")
                .setParameter("district", caller.districtId())
                .setParameter("account", accountId)
                .setParameter("community", request.communityId())
                .setParameter("path", path)
                .setParameter("organisation", request.partyOrganisation().strip())
                .setParameter("now", OffsetDateTime.now(clock))
                .getResultList();
        if (id.isEmpty()) {
            throw ProblemException.duplicate("member.registration-open");
        }
        return find(((Number) id.get(0)).longValue(), "").map(this::view).orElseThrow();
    }

    /** A community's registrations in one status (pending by default), newest first: its admin's work list. */
    Page<RegistrationView> list(long communityId, RegistrationStatus status, int limit, String cursor) {
        regions.communityPath(caller.districtId(), communityId).filter(p -> caller.covers(p, MANAGERS))
                .orElseThrow(ProblemException::notFound);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT " + COLUMNS + " FROM member_registration r"
                + " WHERE r.community_id = :community AND r.status = :status AND r.district_id = :district AND r.id < :before"
                + " ORDER BY r.id DESC LIMIT :limit", Tuple.class)
                .setParameter("community", communityId)
                .setParameter("status", (status == null ? RegistrationStatus.PENDING : status).name())
                .setParameter("district", caller.districtId())
                .setParameter("before", Cursors.before(cursor))
                .setParameter("limit", limit + 1)
                .getResultList();
        Map<Long, Accounts.Contact> people = accounts.contacts(rows.stream().map(r -> r.get("account_id", Long.class)).toList());
        return Page.of(rows, limit, r -> r.get("id", Long.class), r -> view(r, people));
    }

    /** A registration, for the registrant and the admins of its community. */
    RegistrationView get(long id) {
        return find(id, "").map(this::view).orElseThrow(ProblemException::notFound);
    }

    /** The admin confirms (the account becomes a PARTY_MEMBER of the community) or declines a pending registration. */
    @Transactional
    RegistrationView decide(long id, RegistrationDecision decision) {
        Tuple registration = find(id, " FOR UPDATE OF r").orElseThrow(ProblemException::notFound);
        if (!caller.covers(registration.get("community_path", String.class), MANAGERS)) {
            throw ProblemException.forbidden();
        }
        if (!RegistrationStatus.PENDING.name().equals(registration.get("status", String.class))) {
            throw new ProblemException(ProblemType.INVALID_TRANSITION, "invalid-transition.detail");
        }
        entityManager.createNativeQuery("""
                UPDATE member_registration SET status = :status, note = :note, decided_at = :now, decided_by = :me WHERE id = :id""")
                .setParameter("status", (decision.confirmed() ? RegistrationStatus.CONFIRMED : RegistrationStatus.DECLINED).name())
                .setParameter("note", decision.note() == null || decision.note().isBlank() ? null : decision.note().strip())
                .setParameter("now", OffsetDateTime.now(clock))
                .setParameter("me", caller.accountId())
                .setParameter("id", id)
                .executeUpdate();
        if (decision.confirmed()) {
            accounts.bind(registration.get("account_id", Long.class), Role.PARTY_MEMBER,
                    registration.get("community_id", Long.class));
        }
        return find(id, "").map(this::view).orElseThrow();
    }

    /** The registration, if the caller made it or manages its community. */
    private Optional<Tuple> find(long id, String lock) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT " + COLUMNS + " FROM member_registration r"
                + " WHERE r.id = :id AND r.district_id = :district" + lock, Tuple.class)
                .setParameter("id", id).setParameter("district", caller.districtId()).getResultList();
        return rows.stream().filter(r -> r.get("account_id", Long.class) == caller.accountId()
                || caller.covers(r.get("community_path", String.class), MANAGERS)).findFirst();
    }

    private RegistrationView view(Tuple r) {
        return view(r, accounts.contacts(List.of(r.get("account_id", Long.class))));
    }

    private static RegistrationView view(Tuple r, Map<Long, Accounts.Contact> people) {
        long account = r.get("account_id", Long.class);
        return new RegistrationView(r.get("id", Long.class), account, people.get(account).name(), r.get("community_id", Long.class),
                r.get("party_organisation", String.class), RegistrationStatus.valueOf(r.get("status", String.class)),
                r.get("note", String.class), utc(r.get("created_at", Instant.class)), utc(r.get("decided_at", Instant.class)));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
