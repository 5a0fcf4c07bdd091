package io.gridloop.ticket;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.account.Accounts;
import io.gridloop.account.Accounts.Contact;
import io.gridloop.catalog.Catalog;
import io.gridloop.media.Attachments;
import io.gridloop.region.Regions;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.RegionPaths;
import io.gridloop.shared.sql.CustomPlans;
import io.gridloop.shared.sql.Jdbc;
import io.gridloop.shared.sql.Where;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Supervision;

/** The ticket loop's reads, with the caller's scope applied in SQL (never filtered after the fetch). */
@Singleton
public class TicketQueries {

    /** The filters of GET /api/v1/tickets. */
    record Filter(TicketStatus status, Long gridId, Long regionId, String categoryCode, Kind kind, boolean assignedToMe,
            Boolean overdue, Supervision supervision, String q) {

        static final Filter NONE = new Filter(null, null, null, null, null, false, null, null, null);

        Filter withoutWords() {
            return new Filter(status, gridId, regionId, categoryCode, kind, assignedToMe, overdue, supervision, null);
        }
    }

    /**
     * {@code q}: the title or description holds every word of it (V9__ticket_search.sql says how
     * Chinese is split), read from the ticket's stored document (V27): through its index for a rare word,
     * or, for a common one, checked on each of the newest tickets in turn.
     */
    static final String MATCHES = "EXISTS (SELECT 1 FROM ticket_search s WHERE s.ticket_id = t.id AND s.document @@ search_query(:q))";

    /**
     * A word that at most this many tickets hold (as the planner counts them from the search index's
     * statistics), and fewer than the caller's filters select, is rare: its matches lead the list, newest
     * first, each ticket looked up until the page is full, so the cost is bounded by the word's matches.
     * Otherwise the planner chooses, for a common word a walk of the newest tickets of the caller's scope,
     * each one's document checked. The planner alone chose the walk for a word 3,183 of a
     * million tickets hold, expecting a page within 7,000 tickets as if the word were spread evenly; the
     * newest 37,000 did not hold it (the walk took 200 ms where the matches take 33).
     */
    static final double RARE_WORD = 10_000;
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\"\\s*:\\s*([0-9.eE+]+)");

    /** One line of the timeline, with its action's facts as fields (each null unless the action records it). */
    record EventView(Long id, String action, @Schema(nullable = true, description = "null on filing") TicketStatus fromStatus,
            TicketStatus toStatus,
            @Schema(nullable = true, description = "who acted: null for the system and integrations, and for the reporter"
                    + " of an anonymous ticket to anyone but the reporter and the staff over its grid") Long actorId,
            String actorRole, @Schema(nullable = true, description = "what the person wrote, and nothing else") String note,
            OffsetDateTime at,
            @Schema(nullable = true, description = "triage: how it was classed") TicketFact.Triage triage,
            @Schema(nullable = true, description = "dispatch: to whom, and the deadlines it started") TicketFact.Dispatch dispatch,
            @Schema(nullable = true, description = "feedback and auto-close: the rating") TicketFact.Feedback feedback,
            @Schema(nullable = true, description = "verify: whether it passed") TicketFact.Verification verification,
            @Schema(nullable = true, description = "reject: why, and the original of a duplicate") TicketFact.Rejection rejection,
            @Schema(nullable = true, description = "supervise and escalate: the level set") TicketFact.SupervisionLevel supervision,
            @Schema(nullable = true, description = "request-extension and decide-extension") TicketFact.Extension extension,
            @Schema(nullable = true, description = "remind: which deadline, due when") TicketFact.Reminder reminder,
            @Schema(description = "file, notes and resolve: the uploads attached with it (GET /api/v1/media/{id})") List<Long> attachmentIds) {

        static EventView of(TicketEvent e, TicketFact fact, Long hiddenActor, List<Long> attachmentIds) {
            return new EventView(e.id, e.action, e.fromStatus == null ? null : TicketStatus.valueOf(e.fromStatus),
                    TicketStatus.valueOf(e.toStatus), e.actorId == null || e.actorId.equals(hiddenActor) ? null : e.actorId,
                    e.actorRole, e.note, e.createdAt,
                    fact instanceof TicketFact.Triage f ? f : null, fact instanceof TicketFact.Dispatch f ? f : null,
                    fact instanceof TicketFact.Feedback f ? f : null, fact instanceof TicketFact.Verification f ? f : null,
                    fact instanceof TicketFact.Rejection f ? f : null, fact instanceof TicketFact.SupervisionLevel f ? f : null,
                    fact instanceof TicketFact.Extension f ? f : null, fact instanceof TicketFact.Reminder f ? f : null,
                    attachmentIds);
        }
    }

    /** An open ticket near a point, and how far it is, in metres. */
    public record Nearby(double distance, TicketView ticket) {
    }

    /** Metres from (:lat, :lng) to the ticket's point: the haversine on a sphere of the Earth's mean radius. */
    private static final String DISTANCE = "6371008.8 * 2 * asin(sqrt(power(sin(radians(t.lat - :lat) / 2), 2)"
            + " + cos(radians(:lat)) * cos(radians(t.lat)) * power(sin(radians(t.lng - :lng) / 2), 2)))";
    private static final double METRES_PER_DEGREE = 111_320;

    /**
     * What {@link #find} reads, up to its condition: it binds nothing, so it is written once, and only the condition's
     * named parameters are turned into positional ones on each call (scanning the thousand characters of the columns
     * for them was about 2 % of a loop request's samples).
     */
    private static final String FOUND = "SELECT " + TicketRows.SELECTED
            + ", EXISTS (SELECT 1 FROM ticket d WHERE d.duplicate_of = t.id), " + Attachments.anyAttachedSql("t.id")
            + ", " + Accounts.contactSql("t.reporter_id") + ", " + Accounts.contactSql("t.assignee_id")
            + " FROM ticket t WHERE ";

    /** A statement and its bound clause, as the list runs it (and as the plan tests EXPLAIN it). */
    record Statement(String sql, Where where) {
    }

    /**
     * {@link Ticket#overdueAt} in SQL: the response deadline passed while it waits to be claimed, or the
     * resolution deadline while it is in work. Each half matches a partial index of V4__deadlines.sql.
     */
    static Where overdue(OffsetDateTime now) {
        return Where.of("(t.status IN (:awaitingClaim) AND t.response_due_at < :now)"
                + " OR (t.status IN (:inWork) AND t.resolution_due_at < :now)",
                "awaitingClaim", TicketAction.CLAIM.fromNames(), "inWork", TicketAction.ESCALATE.fromNames(), "now", now);
    }

    private final EntityManager entityManager;
    private final Jdbc jdbc;
    private final Caller caller;
    private final TicketViews views;
    private final Regions regions;
    private final Catalog catalog;
    private final ObjectMapper json;
    private final Clock clock;
    private final Attachments attachments;

    TicketQueries(EntityManager entityManager, Jdbc jdbc, Caller caller, TicketViews views, Regions regions, Catalog catalog,
            ObjectMapper json, Clock clock, Attachments attachments) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.caller = caller;
        this.views = views;
        this.regions = regions;
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
        this.attachments = attachments;
    }

    /** The ticket, if the caller may see it. */
    Optional<Ticket> findVisible(long id) {
        return find(TicketScope.visibleTo(caller), id);
    }

    /** A ticket of the caller's claim pool, whatever became of it since; see {@link TicketScope#contestedBy}. */
    Optional<Ticket> findContested(long id) {
        return find(TicketScope.contestedBy(caller), id);
    }

    /** The ticket, if the caller may claim it now ({@link TicketService#claim} settles who of many does). */
    Optional<Ticket> findClaimable(long id) {
        return find(TicketScope.claimableBy(caller), id);
    }

    /**
     * One statement: the ticket's row if the caller's scope holds it, read past the ORM
     * ({@link TicketRows}, whose UPDATE writes the action's change); whether any ticket is marked its duplicate and any
     * upload is attached, so that its view reads which only then; and its reporter's and assignee's contacts, which its
     * view shows. Through Hibernate, finding, loading and flushing an action's ticket were the largest share of the
     * service's CPU in an action, and each statement a view saves is about a twentieth (docs/benchmarks.md).
     */
    private Optional<Ticket> find(Where scope, long id) {
        Where where = Where.of("t.id = :id", "id", id).and("t.district_id = :district", "district", caller.districtId())
                .and(scope);
        Where.Jdbc condition = where.jdbc(where.sql());
        return jdbc.rows(FOUND + condition.sql(), row -> {
            Ticket ticket = TicketRows.read(row);
            int next = TicketRows.AFTER;
            ticket.mayHaveDuplicates = row.getBoolean(next);
            ticket.mayHaveUploads = row.getBoolean(next + 1);
            Map<Long, Contact> contacts = new HashMap<>(2);
            Accounts.contact(row, next + 2, ticket.reporterId).ifPresent(c -> contacts.put(c.id(), c));
            Accounts.contact(row, next + 4, ticket.assigneeId).ifPresent(c -> contacts.put(c.id(), c));
            ticket.contactsRead = contacts;
            return ticket;
        }, condition.parameters()).stream().findFirst();
    }

    public TicketView get(long id) {
        return views.of(findVisible(id).orElseThrow(ProblemException::notFound));
    }

    /**
     * A search is planned for its word (common or rare: a walk down the newest tickets, or the word's index
     * entries), and the overdue list for its statuses (V29's index names them, and a generic plan cannot
     * prove that bound ones are those).
     */
    public Page<TicketView> list(Filter filter, int limit, String cursor) {
        if (filter.q() == null && !Boolean.TRUE.equals(filter.overdue())) {
            return page(TicketScope.visibleTo(caller), filter, limit, cursor);
        }
        return CustomPlans.read(entityManager, () -> page(TicketScope.visibleTo(caller), filter, limit, cursor));
    }

    /**
     * What another system asks for (Open311's GET requests): the tickets (kind ISSUE) in the caller's sight
     * with these ids, or else filed in [from, to), of the category, open or closed (terminal) if asked;
     * newest first, at most {@code limit}. Every condition is one more clause on the list's statement, so
     * scope applies as to any list; the period rides the filed-time index (V12).
     */
    public record ExternalFilter(List<Long> ids, String categoryCode, OffsetDateTime from, OffsetDateTime to, Boolean terminal) {
    }

    public List<TicketView> external(ExternalFilter filter, int limit) {
        Where where = Where.of("t.district_id = :district", "district", caller.districtId())
                .and("t.kind = :kind", "kind", Kind.ISSUE.name())
                .and(TicketScope.visibleTo(caller));
        if (filter.ids() != null) {
            where.and("t.id IN (:ids)", "ids", filter.ids().isEmpty() ? List.of(-1L) : filter.ids());
        } else {
            where.and("t.created_at >= :from AND t.created_at < :to", "from", filter.from(), "to", filter.to())
                    .andIf(filter.categoryCode(), "t.category_id = :category", "category", filter.categoryCode() == null ? null
                            : catalog.byCode(caller.districtId(), filter.categoryCode()).map(Catalog.Terms::id).orElse(-1L))
                    .andIf(filter.terminal(), "t.status " + (Boolean.FALSE.equals(filter.terminal()) ? "NOT " : "") + "IN (:terminal)",
                            "terminal", Arrays.stream(TicketStatus.values()).filter(TicketStatus::terminal).map(TicketStatus::name)
                                    .toList());
        }
        @SuppressWarnings("unchecked")
        List<Ticket> rows = where.with("limit", limit).bind(entityManager.createNativeQuery(
                "SELECT t.* FROM ticket t WHERE " + where.sql() + " ORDER BY t.id DESC LIMIT :limit", Ticket.class)).getResultList();
        return views.of(rows);
    }

    public Page<TicketView> pool(int limit, String cursor) {
        return page(TicketScope.claimableBy(caller), Filter.NONE, limit, cursor);
    }

    /**
     * The open tickets the caller may see within {@code radius} metres of the point, nearest first: a
     * box around the point on the location index, then the exact distance of what is in the box.
     */
    public List<Nearby> nearby(double lat, double lng, String categoryCode, int radius, int limit) {
        // planned for its open statuses, which the location index's predicate names (V27)
        return CustomPlans.read(entityManager, () -> nearbyOf(lat, lng, categoryCode, radius, limit));
    }

    private List<Nearby> nearbyOf(double lat, double lng, String categoryCode, int radius, int limit) {
        Statement statement = nearbyStatement(caller.districtId(), TicketScope.visibleTo(caller), lat, lng,
                categoryCode == null ? null
                        : catalog.byCode(caller.districtId(), categoryCode).map(Catalog.Terms::id).orElse(-1L),
                radius, limit);
        @SuppressWarnings("unchecked")
        List<Tuple> found = statement.where()
                .bind(entityManager.createNativeQuery(statement.sql(), Tuple.class)).getResultList();
        if (found.isEmpty()) {
            return List.of();
        }
        List<Long> ids = found.stream().map(row -> row.get("id", Long.class)).toList();
        Map<Long, Ticket> tickets = Ticket.<Ticket>list("id in ?1", ids).stream()
                .collect(Collectors.toMap(t -> t.id, t -> t));
        Map<Long, TicketView> shown = views.of(ids.stream().map(tickets::get).toList()).stream()
                .collect(Collectors.toMap(TicketView::id, v -> v));
        return found.stream().map(row -> new Nearby(Math.round(row.get("distance", Double.class) * 10) / 10.0,
                shown.get(row.get("id", Long.class)))).toList();
    }

    /** The nearby statement (the plan test EXPLAINs this). Open is every state that is not terminal. */
    static Statement nearbyStatement(long districtId, Where scope, double lat, double lng, Long categoryId, int radius,
            int limit) {
        double dLat = radius / METRES_PER_DEGREE;
        double dLng = radius / (METRES_PER_DEGREE * Math.max(Math.cos(Math.toRadians(lat)), 0.01));
        Where where = Where.of("t.district_id = :district", "district", districtId)
                .and("t.lat IS NOT NULL AND t.lng IS NOT NULL")
                .and("point(t.lng, t.lat) <@ box(point(:west, :south), point(:east, :north))",
                        "west", lng - dLng, "south", lat - dLat, "east", lng + dLng, "north", lat + dLat)
                .and("t.status IN (:open)", "open", Arrays.stream(TicketStatus.values()).filter(s -> !s.terminal())
                        .map(TicketStatus::name).toList())
                .andIf(categoryId, "t.category_id = :category", "category", categoryId)
                .and(scope)
                .and(DISTANCE + " <= :radius", "lat", lat, "lng", lng, "radius", (double) radius);
        return new Statement("SELECT t.id, " + DISTANCE + " AS distance FROM ticket t WHERE " + where.sql()
                + " ORDER BY distance, t.id LIMIT :limit", where.with("limit", limit));
    }

    public List<EventView> timeline(long id) {
        Ticket ticket = findVisible(id).orElseThrow(ProblemException::notFound);
        // an anonymous reporter's own events (filing, feedback, cancelling) must not name them either
        Long hiddenActor = views.showsReporter(ticket) ? null : ticket.reporterId;
        Map<Long, List<Long>> attached = attachments.ofEvents(ticket.id);
        return TicketEvent.<TicketEvent>list("ticketId = ?1 order by createdAt, id", ticket.id).stream()
                .map(e -> EventView.of(e, fact(e), hiddenActor, attached.getOrDefault(e.id, List.of()))).toList();
    }

    private TicketFact fact(TicketEvent event) {
        Class<? extends TicketFact> kind = TicketAction.valueOf(event.action.toUpperCase(Locale.ROOT).replace('-', '_'))
                .fact();
        return kind == null || event.details == null ? null : json.convertValue(event.details, kind);
    }

    /** Newest first; the cursor is the last id seen. Each filter has an index behind it (V2__tickets.sql). */
    private Page<TicketView> page(Where scope, Filter filter, int limit, String cursor) {
        Statement statement = listStatement(scope, filter, limit, Cursors.before(cursor));
        @SuppressWarnings("unchecked")
        List<Ticket> rows = statement.where().bind(entityManager.createNativeQuery(statement.sql(), Ticket.class)).getResultList();
        List<Ticket> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        return new Page<>(views.of(shown), rows.size() > limit ? Cursors.encode(shown.get(shown.size() - 1).id) : null);
    }

    /** The list's statement for the caller: their scope, the filters (region and category resolved here) and the page. */
    private Statement listStatement(Where scope, Filter filter, int limit, long before) {
        return listStatement(entityManager, listWhere(scope, filter.withoutWords(), before), filter, limit);
    }

    /**
     * Newest first, one page of the tickets the clause (built without {@code q}) selects that hold the
     * words of {@code q}, if any. The planner prices a walk of the newest tickets as if what it looks for
     * were spread evenly over them; two filters select tickets that are not, and lead the page instead,
     * each of their tickets looked up in turn until the page is full (OFFSET 0 keeps the look-up from
     * being merged into a walk):
     * <ul>
     * <li>a rare word ({@link #matchesLead}): its matches;</li>
     * <li>{@code overdue=true}: the tickets waiting to be claimed or in work, newest first (V29's index),
     * of which the overdue are many, where the newest tickets of all are hardly ever overdue yet.</li>
     * </ul>
     */
    static Statement listStatement(EntityManager entityManager, Where where, Filter filter, int limit) {
        String q = filter.q();
        boolean matchesLead = q != null && matchesLead(entityManager, q, where);
        if (q != null && !matchesLead) {
            where.and(MATCHES, "q", q);
        }
        where.with("limit", limit + 1);
        if (matchesLead) {
            where.with("q", q);
            // ORDER BY keeps the matches a subquery of their own, planned for all of them: through the index, then sorted
            return led("SELECT s.ticket_id AS id FROM ticket_search s WHERE s.document @@ search_query(:q) AND s.ticket_id < :before"
                    + " ORDER BY s.ticket_id DESC", where);
        }
        if (Boolean.TRUE.equals(filter.overdue())) {
            // one list of statuses, which V29's predicate is proved from (not from two lists joined by OR); no
            // ORDER BY of its own, so the page's order and limit walk the index
            where.with("waitingOrInWork", Stream.concat(TicketAction.CLAIM.fromNames().stream(),
                    TicketAction.ESCALATE.fromNames().stream()).distinct().toList());
            return led("SELECT w.id FROM ticket w WHERE w.district_id = :district AND w.status IN (:waitingOrInWork)"
                    + " AND w.id < :before", where);
        }
        return new Statement("SELECT t.* FROM ticket t WHERE " + where.sql() + " ORDER BY t.id DESC LIMIT :limit", where);
    }

    private static Statement led(String lead, Where where) {
        return new Statement("SELECT t.* FROM (" + lead + ") m CROSS JOIN LATERAL (SELECT t.* FROM ticket t WHERE t.id = m.id AND ("
                + where.sql() + ") OFFSET 0) t ORDER BY m.id DESC LIMIT :limit", where);
    }

    /**
     * Whether a word's matches should lead: the planner expects at most {@link #RARE_WORD} tickets to hold
     * the words, and fewer than the clause selects (a resident's own few tickets are checked one by one).
     */
    static boolean matchesLead(EntityManager entityManager, String q, Where where) {
        double matches = planRows(entityManager.createNativeQuery(
                "EXPLAIN (FORMAT JSON) SELECT 1 FROM ticket_search s WHERE s.document @@ search_query(:q)").setParameter("q", q));
        return matches <= RARE_WORD
                && matches < planRows(where.bind(entityManager.createNativeQuery("EXPLAIN (FORMAT JSON) SELECT 1 FROM ticket t WHERE "
                        + where.sql())));
    }

    /** The rows the planner expects of an {@code EXPLAIN (FORMAT JSON)}'s top node. */
    private static double planRows(Query explain) {
        Matcher rows = PLAN_ROWS.matcher((String) explain.getSingleResult());
        return rows.find() ? Double.parseDouble(rows.group(1)) : Double.MAX_VALUE;
    }

    /**
     * The export's conditions for the caller (GET /tickets/export.csv): the list's, the caller's scope
     * included, without a page. A new clause each call: a statement binds its own limit to it.
     */
    Where exportWhere(Filter filter) {
        return listWhere(TicketScope.visibleTo(caller), filter, Long.MAX_VALUE);
    }

    /** The export's statement (the plan test EXPLAINs this): the list's, without a page. */
    static Statement exportStatement(Where where, int cap) {
        return new Statement("SELECT t.* FROM ticket t WHERE " + where.sql() + " ORDER BY t.id DESC LIMIT :limit",
                where.with("limit", cap));
    }

    /** How many rows the export would have, counted no further than {@code atMost}: no order, only the ids. */
    static Statement exportCount(Where where, int atMost) {
        return new Statement("SELECT count(*) FROM (SELECT 1 FROM ticket t WHERE " + where.sql() + " LIMIT :limit) rows",
                where.with("limit", atMost));
    }

    /** The list's conditions for the caller, the region and category of the filter resolved here. */
    private Where listWhere(Where scope, Filter filter, long before) {
        String regionPath = filter.regionId() == null ? null : regions.path(caller.districtId(), filter.regionId())
                .orElseThrow(() -> ProblemException.invalidField("regionId", "field.not-found"));
        // an unknown code matches nothing, as any other filter value that no ticket has
        Long categoryId = filter.categoryCode() == null ? null
                : catalog.byCode(caller.districtId(), filter.categoryCode()).map(Catalog.Terms::id).orElse(-1L);
        return listWhere(caller.districtId(), caller.accountId(), scope, filter, regionPath, categoryId,
                OffsetDateTime.now(clock), before);
    }

    /** The list's statement: the scope, the filters and the page, one condition each (the plan tests EXPLAIN this). */
    static Statement listStatement(EntityManager entityManager, long districtId, long me, Where scope, Filter filter, String regionPath,
            Long categoryId, OffsetDateTime now, int limit, long before) {
        return listStatement(entityManager, listWhere(districtId, me, scope, filter.withoutWords(), regionPath, categoryId, now, before),
                filter, limit);
    }

    /**
     * The list's conditions: the scope and the filters, one condition each, and the keyset bound. The scope is what the
     * caller sees ({@link TicketScope#visibleTo}), which holds what is assigned to them; so "assigned to me" stands in
     * for it. Beside the scope's OR, PostgreSQL priced that filter as a handful of rows and sorted all the member's
     * tickets instead of walking their index newest first.
     */
    static Where listWhere(long districtId, long me, Where scope, Filter filter, String regionPath, Long categoryId,
            OffsetDateTime now, long before) {
        Where where = Where.of("t.district_id = :district", "district", districtId)
                .and("t.id < :before", "before", before)
                .and(filter.assignedToMe() ? TicketScope.assignedTo(me) : scope)
                .andIf(filter.status(), "t.status = :status", "status", name(filter.status()))
                .andIf(filter.gridId(), "t.grid_id = :grid", "grid", filter.gridId())
                .andIf(filter.kind(), "t.kind = :kind", "kind", name(filter.kind()))
                .andIf(filter.supervision(), "t.supervision = :supervision", "supervision", name(filter.supervision()))
                .andIf(categoryId, "t.category_id = :category", "category", categoryId)
                .andIf(filter.q(), MATCHES, "q", filter.q());
        if (regionPath != null) {
            where.and(RegionPaths.within("t.grid_path", "filter", regionPath));
        }
        if (filter.overdue() != null) {
            where.and(filter.overdue() ? overdue(now) : overdue(now).negated());
        }
        return where;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
