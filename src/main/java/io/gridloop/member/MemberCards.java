package io.gridloop.member;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import io.gridloop.account.Accounts;
import io.gridloop.catalog.Catalog;
import io.gridloop.media.Portraits;
import io.gridloop.member.MemberViews.MemberLedgerEntry;
import io.gridloop.member.MemberViews.MemberCard;
import io.gridloop.member.MemberViews.ServiceFigures;
import io.gridloop.points.Points;
import io.gridloop.review.MemberReviews;
import io.gridloop.region.Regions;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.privacy.PersonalData;
import io.gridloop.shared.security.Caller;
import io.gridloop.ticket.TicketFacts;
import io.gridloop.ticket.TicketStatus;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Rating;
import io.gridloop.ticket.TicketTerms.Solved;

/**
 * The member's card and ledger (一卡一账, SPEC §1.9), public within the member's community. Every figure
 * is counted when asked from the ticket timeline through {@link TicketFacts} (claims, resolutions with
 * the deadline in force, the reporters' ratings), with the metrics' definition of on time
 * ({@link TicketFacts#onTime}); the hours from the approved reports; the points from their ledger.
 */
@ApplicationScoped
class MemberCards {

    private static final String MEMBER = " WHERE x.district_id = :district AND x.%s = :member";

    /** A claim and what became of it: the claimant's first resolution after it (before any later claim), and its rating. */
    private static final String LEDGER = """
            SELECT c.event_id, c.ticket_id, c.number, c.kind, c.category_id, c.status, c.at AS claimed_at,
                   r.at AS resolved_at, r.on_time, f.rating, f.solved
              FROM (%1$s) c
              LEFT JOIN LATERAL (
                    SELECT x.at, %4$s AS on_time FROM (%2$s) x
                     WHERE x.ticket_id = c.ticket_id AND x.actor_id = c.actor_id AND x.at >= c.at
                       AND NOT EXISTS (SELECT 1 FROM (%1$s) n WHERE n.ticket_id = c.ticket_id AND n.at > c.at AND n.at <= x.at)
                     ORDER BY x.at LIMIT 1) r ON true
              LEFT JOIN LATERAL (
                    SELECT y.rating, y.solved FROM (%3$s) y
                     WHERE y.ticket_id = c.ticket_id AND y.resolver_id = c.actor_id AND y.at >= r.at
                     ORDER BY y.at LIMIT 1) f ON true
             WHERE c.district_id = :district AND c.actor_id = :member AND c.event_id < :before
             ORDER BY c.event_id DESC LIMIT :limit""".formatted(TicketFacts.CLAIMS, TicketFacts.RESOLUTIONS,
            TicketFacts.RATINGS, TicketFacts.onTime("x"));

    private final EntityManager entityManager;
    private final Caller caller;
    private final Members members;
    private final VolunteerHours hours;
    private final Accounts accounts;
    private final Regions regions;
    private final Catalog catalog;
    private final Points points;
    private final MemberReviews reviews;
    private final Portraits portraits;

    MemberCards(EntityManager entityManager, Caller caller, Members members, VolunteerHours hours, Accounts accounts,
            Regions regions, Catalog catalog, Points points, MemberReviews reviews, Portraits portraits) {
        this.entityManager = entityManager;
        this.caller = caller;
        this.members = members;
        this.hours = hours;
        this.accounts = accounts;
        this.regions = regions;
        this.catalog = catalog;
        this.points = points;
        this.reviews = reviews;
        this.portraits = portraits;
    }

    /**
     * The card. The phone (SPEC §1.2 personal data): the member's own, shown to them; masked to the
     * staff of the community (its admin, the district's); not on the public card.
     */
    MemberCard card(long accountId) {
        Members.Member member = members.visible(accountId);
        Accounts.Contact contact = accounts.contacts(List.of(accountId)).get(accountId);
        String phone = accountId == caller.accountId() ? contact.phone()
                : caller.covers(member.communityPath(), Registrations.MANAGERS) ? PersonalData.maskedPhone(contact.phone()) : null;
        String community = regions.named(List.of(member.communityId())).get(0).name();
        return new MemberCard(accountId, contact.name(), phone, portraits.of(caller.districtId(), accountId).orElse(null),
                member.photoVersion(), member.partyOrganisation(), member.communityId(), community,
                member.registeredAt().atOffset(ZoneOffset.UTC), member.posts(), member.postsVersion(), member.commitments(),
                member.commitmentsVersion(), figures(accountId), reviews.of(caller.districtId(), accountId));
    }

    private ServiceFigures figures(long accountId) {
        Object[] claims = row("SELECT count(*) FILTER (WHERE x.kind = 'ISSUE'), count(*) FILTER (WHERE x.kind = 'WISH')"
                + " FROM (" + TicketFacts.CLAIMS + ") x" + MEMBER.formatted("actor_id"), accountId);
        Object[] resolutions = row("SELECT count(*) FILTER (WHERE x.kind = 'ISSUE'), count(x.due_at) FILTER (WHERE x.kind = 'ISSUE'),"
                + " count(*) FILTER (WHERE x.kind = 'ISSUE' AND " + TicketFacts.onTime("x") + "),"
                + " count(*) FILTER (WHERE x.kind = 'WISH') FROM (" + TicketFacts.RESOLUTIONS + ") x" + MEMBER.formatted("actor_id"),
                accountId);
        Object[] ratings = row("SELECT count(*), count(*) FILTER (WHERE x.rating = 'SATISFIED'),"
                + " count(*) FILTER (WHERE x.rating = 'BASICALLY_SATISFIED'), count(*) FILTER (WHERE x.rating = 'DISSATISFIED')"
                + " FROM (" + TicketFacts.RATINGS + ") x" + MEMBER.formatted("resolver_id") + " AND x.kind = 'ISSUE'", accountId);
        return new ServiceFigures(n(claims[0]), n(resolutions[0]), n(resolutions[1]), n(resolutions[2]), n(ratings[0]),
                n(ratings[1]), n(ratings[2]), n(ratings[3]), n(claims[1]), n(resolutions[3]), hours.approved(accountId),
                points.balance(caller.districtId(), accountId));
    }

    /** Every ticket and wish the member claimed, newest claim first, and how each ended. */
    Page<MemberLedgerEntry> ledger(long accountId, int limit, String cursor) {
        members.visible(accountId);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery(LEDGER, Tuple.class)
                .setParameter("district", caller.districtId())
                .setParameter("member", accountId)
                .setParameter("before", Cursors.before(cursor))
                .setParameter("limit", limit + 1)
                .getResultList();
        Map<Long, String> codes = catalog.codes(rows.stream().map(r -> r.get("category_id", Long.class))
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet()));
        return Page.of(rows, limit, r -> r.get("event_id", Long.class), r -> entry(r, codes));
    }

    private static MemberLedgerEntry entry(Tuple r, Map<Long, String> codes) {
        String rating = r.get("rating", String.class);
        String solved = r.get("solved", String.class);
        Instant resolved = r.get("resolved_at", Instant.class);
        return new MemberLedgerEntry(r.get("event_id", Long.class), r.get("ticket_id", Long.class), r.get("number", String.class),
                Kind.valueOf(r.get("kind", String.class)), codes.get(r.get("category_id", Long.class)),
                TicketStatus.valueOf(r.get("status", String.class)), r.get("claimed_at", Instant.class).atOffset(ZoneOffset.UTC),
                resolved == null ? null : resolved.atOffset(ZoneOffset.UTC), r.get("on_time", Boolean.class),
                rating == null ? null : Rating.valueOf(rating), solved == null ? null : Solved.valueOf(solved));
    }

    private Object[] row(String sql, long accountId) {
        return (Object[]) entityManager.createNativeQuery(sql).setParameter("district", caller.districtId())
                .setParameter("member", accountId).getSingleResult();
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
