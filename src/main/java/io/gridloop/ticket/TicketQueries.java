package io.gridloop.ticket;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Supervision;

/** The ticket loop's reads, with the caller's scope applied in SQL (never filtered after the fetch). */
@ApplicationScoped
public class TicketQueries {

    /** The filters of GET /api/v1/tickets. */
    record Filter(TicketStatus status, Long gridId, Long regionId, String categoryCode, Kind kind, boolean assignedToMe,
            Boolean overdue, Supervision supervision) {
    }

    /** {@link Ticket#overdueAt} in SQL; each half matches a partial index of V4__deadlines.sql. */
    static final String OVERDUE = "((t.status = 'DISPATCHED' AND t.response_due_at < :now)"
            + " OR (t.status IN ('DISPATCHED', 'CLAIMED', 'IN_PROGRESS') AND t.resolution_due_at < :now))";

    record EventView(Long id, String action, TicketStatus fromStatus, TicketStatus toStatus, Long actorId,
            String actorRole, String note, OffsetDateTime at) {
    }

    private final EntityManager entityManager;
    private final Caller caller;
    private final TicketViews views;
    private final Clock clock;

    TicketQueries(EntityManager entityManager, Caller caller, TicketViews views, Clock clock) {
        this.entityManager = entityManager;
        this.caller = caller;
        this.views = views;
        this.clock = clock;
    }

    static Optional<Ticket> findVisible(EntityManager entityManager, Caller caller, long id) {
        return find(entityManager, caller, TicketScope.visibleTo(caller), id);
    }

    /** A ticket of the caller's claim pool, whatever became of it since; see {@link TicketScope#contestedBy}. */
    static Optional<Ticket> findContested(EntityManager entityManager, Caller caller, long id) {
        return find(entityManager, caller, TicketScope.contestedBy(caller), id);
    }

    private static Optional<Ticket> find(EntityManager entityManager, Caller caller, TicketScope scope, long id) {
        Query query = entityManager.createNativeQuery(
                "SELECT t.* FROM ticket t WHERE t.id = :id AND t.district_id = :district AND " + scope.sql, Ticket.class);
        scope.parameters.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Ticket> found = query.setParameter("id", id).setParameter("district", caller.districtId()).getResultList();
        return found.stream().findFirst();
    }

    public TicketView get(long id) {
        return views.of(findVisible(entityManager, caller, id).orElseThrow(ProblemException::notFound));
    }

    public Page<TicketView> list(Filter filter, int limit, String cursor) {
        return page(TicketScope.visibleTo(caller), filter, limit, cursor);
    }

    public Page<TicketView> pool(int limit, String cursor) {
        return page(TicketScope.claimableBy(caller), new Filter(null, null, null, null, null, false, null, null), limit, cursor);
    }

    public List<EventView> timeline(long id) {
        Ticket ticket = findVisible(entityManager, caller, id).orElseThrow(ProblemException::notFound);
        return TicketEvent.<TicketEvent>list("ticketId = ?1 order by createdAt, id", ticket.id).stream()
                .map(e -> new EventView(e.id, e.action, e.fromStatus == null ? null : TicketStatus.valueOf(e.fromStatus),
                        TicketStatus.valueOf(e.toStatus), e.actorId, e.actorRole, e.note, e.createdAt))
                .toList();
    }

    /** Newest first; the cursor is the last id seen. Each filter has an index behind it (V2__tickets.sql). */
    private Page<TicketView> page(TicketScope scope, Filter filter, int limit, String cursor) {
        long before = Cursors.before(cursor);
        StringBuilder sql = new StringBuilder("SELECT t.* FROM ticket t WHERE t.district_id = :district AND t.id < :before AND ")
                .append(scope.sql);
        if (filter.status() != null) {
            sql.append(" AND t.status = :status");
        }
        if (filter.gridId() != null) {
            sql.append(" AND t.grid_id = :grid");
        }
        String regionPath = null;
        if (filter.regionId() != null) {
            regionPath = regionPath(filter.regionId());
            sql.append(" AND t.grid_path >= :regionLow AND t.grid_path < :regionHigh");
        }
        if (filter.categoryCode() != null) {
            sql.append(" AND t.category_id = (SELECT c.id FROM category c WHERE c.district_id = :district AND c.code = :category)");
        }
        if (filter.kind() != null) {
            sql.append(" AND t.kind = :kind");
        }
        if (filter.assignedToMe()) {
            sql.append(" AND t.assignee_id = :me");
        }
        if (filter.overdue() != null) {
            sql.append(filter.overdue() ? " AND " + OVERDUE : " AND NOT coalesce(" + OVERDUE + ", false)");
        }
        if (filter.supervision() != null) {
            sql.append(" AND t.supervision = :supervision");
        }
        sql.append(" ORDER BY t.id DESC LIMIT :limit");
        Query query = entityManager.createNativeQuery(sql.toString(), Ticket.class);
        scope.parameters.forEach(query::setParameter);
        query.setParameter("district", caller.districtId()).setParameter("before", before).setParameter("limit", limit + 1);
        if (filter.status() != null) {
            query.setParameter("status", filter.status().name());
        }
        if (filter.gridId() != null) {
            query.setParameter("grid", filter.gridId());
        }
        if (regionPath != null) {
            query.setParameter("regionLow", regionPath).setParameter("regionHigh", TicketScope.upperBound(regionPath));
        }
        if (filter.categoryCode() != null) {
            query.setParameter("category", filter.categoryCode());
        }
        if (filter.kind() != null) {
            query.setParameter("kind", filter.kind().name());
        }
        if (filter.assignedToMe()) {
            query.setParameter("me", caller.accountId());
        }
        if (filter.overdue() != null) {
            query.setParameter("now", OffsetDateTime.now(clock));
        }
        if (filter.supervision() != null) {
            query.setParameter("supervision", filter.supervision().name());
        }
        @SuppressWarnings("unchecked")
        List<Ticket> rows = query.getResultList();
        List<Ticket> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        List<TicketView> items = views.of(shown);
        return new Page<>(items, rows.size() > limit ? Cursors.encode(shown.get(shown.size() - 1).id) : null);
    }

    private String regionPath(long regionId) {
        @SuppressWarnings("unchecked")
        List<String> paths = entityManager.createNativeQuery("SELECT path FROM region WHERE id = ?1 AND district_id = ?2")
                .setParameter(1, regionId).setParameter(2, caller.districtId()).getResultList();
        if (paths.isEmpty()) {
            throw ProblemException.invalidField("regionId", "field.not-found");
        }
        return paths.get(0);
    }
}
