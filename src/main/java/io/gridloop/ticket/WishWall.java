package io.gridloop.ticket;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.gridloop.account.Accounts;
import io.gridloop.catalog.Catalog;
import io.gridloop.region.Regions;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.RegionPaths;
import io.gridloop.shared.sql.Where;
import io.gridloop.ticket.TicketTerms.DispatchTarget;
import io.gridloop.ticket.TicketTerms.Kind;

/**
 * The micro-wish wall (微心愿墙, SPEC §1.9): a community's wishes, public to everyone who belongs to the
 * community ({@link Caller#belongsTo}), anonymised; and, anonymised the same way, the community's needs
 * list of the three lists (its open tickets and wishes, for {@code lists}). A wish is a ticket of kind WISH: it is claimed,
 * fulfilled (resolved) and confirmed (feedback) through the ticket's own actions, so its claim is the
 * ticket's race-free claim and its timeline the ticket's.
 */
@ApplicationScoped
public class WishWall {

    /** The building of an address: everything up to the first building marker (3幢, 5栋, 2号楼, B座). */
    private static final java.util.regex.Pattern BUILDING = java.util.regex.Pattern.compile("^(.*?(?:幢|栋|号楼|座))");
    /** Cancelled and rejected wishes are off the wall; the rest show how far they got. */
    private static final List<String> SHOWN = List.of(TicketStatus.values()).stream()
            .filter(s -> s != TicketStatus.CANCELLED && s != TicketStatus.REJECTED).map(Enum::name).toList();
    /**
     * On the needs list: filed and not yet at an end (closed, cancelled, rejected). Written into the SQL as constants,
     * the very predicate of the partial index {@code ticket_open_idx} (V21), which a bound list could not use.
     */
    private static final String OPEN = List.of(TicketStatus.values()).stream()
            .filter(s -> s != TicketStatus.CLOSED && s != TicketStatus.CANCELLED && s != TicketStatus.REJECTED)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "t.status IN (", ")"));

    private final EntityManager entityManager;
    private final Caller caller;
    private final Regions regions;
    private final Catalog catalog;
    private final Accounts people;

    WishWall(EntityManager entityManager, Caller caller, Regions regions, Catalog catalog, Accounts people) {
        this.entityManager = entityManager;
        this.caller = caller;
        this.regions = regions;
        this.catalog = catalog;
        this.people = people;
    }

    /** The community's wall, newest first; a community the caller is not part of is not found. */
    public Page<WishView> wall(long communityId, TicketStatus status, int limit, String cursor) {
        return page(communityId, Where.of("t.kind = 'WISH'")
                // a status off the wall (cancelled, rejected) matches nothing: the sentinel keeps IN () out of the SQL
                .and("t.status IN (:shown)", "shown", status == null ? SHOWN
                        : SHOWN.contains(status.name()) ? List.of(status.name()) : List.of("-")), limit, cursor);
    }

    /**
     * The community's needs list (需求清单, SPEC §1.9 three lists): its open tickets and wishes (filed and not yet
     * closed, cancelled or rejected), newest first, anonymised as on the wall; a resident's own affair (matter class
     * PERSONAL, 私事) is no need of the community and stays off it. Optionally of one kind. A community the caller is
     * not part of is not found.
     */
    public Page<WishView> needs(long communityId, Kind kind, int limit, String cursor) {
        return page(communityId, Where.of(OPEN)
                .and("t.matter_class IS DISTINCT FROM 'PERSONAL'")
                .andIf(kind, "t.kind = :kind", "kind", kind == null ? null : kind.name()), limit, cursor);
    }

    private Page<WishView> page(long communityId, Where filter, int limit, String cursor) {
        String path = regions.communityPath(caller.districtId(), communityId).filter(caller::belongsTo)
                .orElseThrow(ProblemException::notFound);
        Where where = Where.of("t.district_id = :district", "district", caller.districtId())
                .and(RegionPaths.within("t.grid_path", "community", path))
                .and("t.id < :before", "before", Cursors.before(cursor))
                .and(filter);
        @SuppressWarnings("unchecked")
        List<Ticket> rows = where.with("limit", limit + 1).bind(entityManager.createNativeQuery(
                "SELECT t.* FROM ticket t WHERE " + where.sql() + " ORDER BY t.id DESC LIMIT :limit", Ticket.class))
                .getResultList();
        Map<Long, String> codes = catalog.codes(rows.stream().map(t -> t.categoryId).collect(Collectors.toSet()));
        Map<Long, Accounts.Contact> claimants = people.contacts(rows.stream().map(t -> t.assigneeId)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        return Page.of(rows, limit, t -> t.id, t -> view(t, codes.get(t.categoryId), claimants));
    }

    private static WishView view(Ticket t, String categoryCode, Map<Long, Accounts.Contact> claimants) {
        TicketView.Assignee assignee = t.dispatchTarget == null && t.assigneeId == null ? null
                : new TicketView.Assignee(t.dispatchTarget, t.assigneeId,
                        t.assigneeId == null ? null : claimants.get(t.assigneeId).name(), t.assigneeUnitId);
        return new WishView(t.id, t.number, t.kind, t.status, categoryCode, t.title, t.description, building(t.address), t.gridId,
                t.matterClass, assignee, t.status == TicketStatus.DISPATCHED ? t.responseDueAt : t.resolutionDueAt,
                t.supervision, t.status == TicketStatus.DISPATCHED && t.dispatchTarget == DispatchTarget.POOL, t.version,
                t.createdAt);
    }

    /** The address up to its building, so the wall never shows the unit or the door; null when it names no building. */
    static String building(String address) {
        if (address == null) {
            return null;
        }
        Matcher matcher = BUILDING.matcher(address.strip());
        return matcher.find() ? matcher.group(1) : null;
    }
}
