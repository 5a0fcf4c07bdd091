package io.gridloop.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.gridloop.calendar.Calendars;
import io.gridloop.catalog.Category;
import io.gridloop.region.Grids;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.time.DistrictConfig;
import io.gridloop.ticket.TicketRequests.Dispatch;
import io.gridloop.ticket.TicketRequests.Feedback;
import io.gridloop.ticket.TicketRequests.FileTicket;
import io.gridloop.ticket.TicketRequests.Reject;
import io.gridloop.ticket.TicketRequests.Triage;
import io.gridloop.ticket.TicketTerms.DispatchTarget;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.RejectReason;
import io.gridloop.ticket.TicketTerms.Source;

/**
 * The ticket loop's writes. Every change and its timeline event commit in one transaction; a
 * refused action (404 out of scope, 403 role, 409 state) changes nothing.
 */
@ApplicationScoped
public class TicketService {

    private static final Role[] STAFF_FILERS = { Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN };

    private final Caller caller;
    private final EntityManager entityManager;
    private final TicketNumbers numbers;
    private final TicketViews views;
    private final TicketNotices notices;
    private final TicketLedger ledger;
    private final TicketOversight oversight;
    private final Calendars calendars;
    private final Clock clock;
    private final ZoneId zone;
    private final int maxReopens;
    private final Duration feedbackWindow;

    TicketService(Caller caller, EntityManager entityManager, TicketNumbers numbers, TicketViews views,
            TicketNotices notices, TicketLedger ledger, TicketOversight oversight, Calendars calendars, Clock clock,
            DistrictConfig district, TicketConfig config) {
        this.caller = caller;
        this.entityManager = entityManager;
        this.numbers = numbers;
        this.views = views;
        this.notices = notices;
        this.ledger = ledger;
        this.oversight = oversight;
        this.calendars = calendars;
        this.clock = clock;
        this.zone = district.zone();
        this.maxReopens = config.maxReopens();
        this.feedbackWindow = config.feedbackWindow();
    }

    @Transactional
    public TicketView file(FileTicket request) {
        Category category = activeCategory(request.categoryCode(), "categoryCode");
        OffsetDateTime now = OffsetDateTime.now(clock);
        Ticket ticket = new Ticket();
        ticket.districtId = caller.districtId();
        ticket.kind = request.kind() == null ? Kind.ISSUE : request.kind();
        ticket.categoryId = category.id;
        ticket.title = request.title().strip();
        ticket.description = request.description();
        if (request.location() != null) {
            ticket.lat = request.location().lat();
            ticket.lng = request.location().lng();
            ticket.address = request.location().address();
            if ((ticket.lat == null) != (ticket.lng == null)) {
                throw ProblemException.invalidField("location", "ticket.location-incomplete");
            }
        }
        ticket.anonymous = request.anonymous();
        String role = fileAs(ticket, request);
        if (ticket.gridPath == null) {
            ticket.gridPath = gridPath(ticket.gridId);
        }
        ticket.status = TicketStatus.SUBMITTED;
        ticket.number = numbers.next(ticket.districtId, now.atZoneSameInstant(zone).getYear());
        ticket.createdAt = now;
        ticket.updatedAt = now;
        ticket.persist();
        ledger.record(ticket, role, TicketAction.FILE, null, null, now);
        return views.filed(ticket);
    }

    /** Who files decides the source and the grid (SPEC §2a): residents, grid members on patrol, staff. */
    private String fileAs(Ticket ticket, FileTicket request) {
        boolean staffSource = request.source() == Source.WALK_IN || request.source() == Source.HOTLINE;
        if (staffSource && caller.scopePaths(STAFF_FILERS).size() > 0) {
            if (request.gridId() == null) {
                throw ProblemException.invalidField("gridId", "ticket.grid-required");
            }
            if (request.reporterName() == null || request.reporterName().isBlank()) {
                throw ProblemException.invalidField("reporterName", "ticket.reporter-name-required");
            }
            ticket.gridId = request.gridId();
            ticket.gridPath = requireCovered(ticket.gridId, STAFF_FILERS);
            ticket.source = request.source();
            ticket.reporterName = request.reporterName().strip();
            ticket.reporterPhone = request.reporterPhone();
            return caller.bindings().stream().filter(b -> List.of(STAFF_FILERS).contains(b.role())).findFirst()
                    .map(b -> b.role().name()).orElseThrow();
        }
        if (request.source() != null && request.source() != Source.MINI_PROGRAM && request.source() != Source.PATROL) {
            throw ProblemException.invalidField("source", "ticket.source-not-allowed");
        }
        if (caller.hasRole(Role.RESIDENT) && request.source() != Source.PATROL) {
            ticket.source = Source.MINI_PROGRAM;
            ticket.reporterId = caller.accountId();
            ticket.gridId = residentGrid(request);
            return Role.RESIDENT.name();
        }
        if (caller.hasRole(Role.GRID_MEMBER)) {
            ticket.source = Source.PATROL;
            ticket.reporterId = caller.accountId();
            List<Long> grids = regionIds(Role.GRID_MEMBER);
            ticket.gridId = request.gridId() != null ? request.gridId() : grids.get(0);
            ticket.gridPath = requireCovered(ticket.gridId, Role.GRID_MEMBER);
            return Role.GRID_MEMBER.name();
        }
        throw ProblemException.forbidden();
    }

    /** The grid named, else the one whose boundary holds the location, else the resident's home grid. */
    private long residentGrid(FileTicket request) {
        if (request.gridId() != null) {
            return request.gridId();
        }
        if (request.location() != null && request.location().lat() != null && request.location().lng() != null) {
            Optional<Long> located = Grids.containing(caller.districtId(), request.location().lat(), request.location().lng());
            if (located.isPresent()) {
                return located.get();
            }
        }
        return regionIds(Role.RESIDENT).stream().findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE, "ticket.no-grid"));
    }

    @Transactional
    public TicketView triage(long id, Triage request) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.leader(caller, ticket);
        TicketStatus from = ticket.status;
        long categoryId = request.categoryCode() == null ? ticket.categoryId
                : activeCategory(request.categoryCode(), "categoryCode").id;
        ticket.triage(request.matterClass(), request.priority(), categoryId);
        return ledger.saved(ticket, role, TicketAction.TRIAGE, from, request.note());
    }

    @Transactional
    public TicketView dispatch(long id, Dispatch request) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.leader(caller, ticket);
        TicketStatus from = ticket.status;
        Long unitId = request.unitId();
        if (request.target() == DispatchTarget.UNIT) {
            unitId = unitId != null ? unitId : contactUnitOf(ticket.gridId);
            requireUnit(unitId);
        } else if (request.target() == DispatchTarget.ACCOUNT) {
            requireEligible(request.assigneeId(), ticket);
        }
        Category category = Category.findById(ticket.categoryId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        ticket.dispatch(request.target(), request.assigneeId(), unitId, category.defaultMatterClass,
                deadlines(ticket.districtId, category, now), now);
        TicketView view = ledger.saved(ticket, role, TicketAction.DISPATCH, from, request.note());
        notices.dispatched(ticket);
        return view;
    }

    /** SPEC §1.7: both limits run from dispatch; RED is overdue by the limit once more. */
    private Ticket.Deadlines deadlines(long districtId, Category category, OffsetDateTime now) {
        OffsetDateTime responseDue = calendars.due(districtId, now, category.responseLimit, category.responseLimitUnit);
        OffsetDateTime resolutionDue = calendars.due(districtId, now, category.resolutionLimit, category.resolutionLimitUnit);
        return new Ticket.Deadlines(responseDue,
                calendars.due(districtId, responseDue, category.responseLimit, category.responseLimitUnit), resolutionDue,
                calendars.due(districtId, resolutionDue, category.resolutionLimit, category.resolutionLimitUnit));
    }

    /**
     * First come, first served: one conditional UPDATE decides, so of any number of concurrent
     * claims on any number of instances exactly one changes a row.
     */
    @Transactional
    public TicketView claim(long id) {
        // a pooled ticket leaves the caller's sight once claimed: who lost the race must still hear 409, not 404
        Ticket before = TicketQueries.findVisible(entityManager, caller, id)
                .or(() -> TicketQueries.findContested(entityManager, caller, id))
                .orElseThrow(ProblemException::notFound);
        TicketScope claimable = TicketScope.claimableBy(caller);
        // the winner's row comes back from the UPDATE itself, so the stale copy leaves the session
        entityManager.detach(before);
        var update = entityManager.createNativeQuery("UPDATE ticket t SET status = 'CLAIMED', assignee_id = :me,"
                + " claimed_at = :now, updated_at = :now, version = t.version + 1,"
                // the response deadline is behind it: the overdue scan watches the resolution deadline afresh
                + " escalation = 'NORMAL' WHERE t.id = :id AND " + claimable.sql
                + " RETURNING t.*", Ticket.class);
        claimable.parameters.forEach(update::setParameter);
        OffsetDateTime now = OffsetDateTime.now(clock);
        @SuppressWarnings("unchecked")
        List<Ticket> claimed = update.setParameter("id", id).setParameter("now", now).getResultList();
        if (claimed.isEmpty()) {
            Ticket current = entityManager.find(Ticket.class, id);
            if (!TicketAction.CLAIM.allowedFrom(current.status)) {
                throw new TransitionRefused(TicketAction.CLAIM, current.status);
            }
            throw ProblemException.forbidden();
        }
        Ticket ticket = claimed.get(0);
        ledger.record(ticket, TicketPolicy.actingRole(caller, ticket), TicketAction.CLAIM, TicketStatus.DISPATCHED, null, now);
        return views.of(ticket);
    }

    @Transactional
    public TicketView start(long id) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.assignee(caller, ticket);
        TicketStatus from = ticket.status;
        ticket.start();
        return ledger.saved(ticket, role, TicketAction.START, from, null);
    }

    @Transactional
    public TicketView note(long id, String text) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.noter(caller, ticket);
        ticket.note();
        return ledger.saved(ticket, role, TicketAction.NOTE, ticket.status, text);
    }

    @Transactional
    public TicketView release(long id, String reason) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.assignee(caller, ticket);
        TicketStatus from = ticket.status;
        oversight.lapse(ticket);
        ticket.release();
        return ledger.saved(ticket, role, TicketAction.RELEASE, from, reason);
    }

    @Transactional
    public TicketView resolve(long id, String resolution) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.resolver(caller, ticket);
        TicketStatus from = ticket.status;
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean verifyFirst = Category.<Category>findById(ticket.categoryId).verificationRequired;
        oversight.lapse(ticket);
        ticket.resolve(resolution.strip(), now, verifyFirst ? null : now.plus(feedbackWindow));
        TicketView view = ledger.saved(ticket, role, TicketAction.RESOLVE, from, resolution);
        notices.resolved(ticket);
        return view;
    }

    @Transactional
    public TicketView verify(long id, boolean passed, String note) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.leader(caller, ticket);
        TicketStatus from = ticket.status;
        boolean feedbackAsked = ticket.feedbackDueAt != null;
        OffsetDateTime now = OffsetDateTime.now(clock);
        ticket.verify(passed, now, now.plus(feedbackWindow));
        TicketView view = ledger.saved(ticket, role, TicketAction.VERIFY, from,
                (passed ? "passed" : "failed") + (note == null ? "" : ": " + note));
        if (passed && !feedbackAsked) {
            notices.feedbackRequested(ticket);
        }
        return view;
    }

    @Transactional
    public TicketView feedback(long id, Feedback request) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.reporter(caller, ticket);
        if (request.rating() == TicketTerms.Rating.NOT_RATED) {
            throw ProblemException.invalidField("rating", "ticket.not-rated-is-for-the-system");
        }
        TicketStatus from = ticket.status;
        boolean verificationRequired = Category.<Category>findById(ticket.categoryId).verificationRequired;
        ticket.feedback(request.rating(), request.solved(), request.comment(), verificationRequired, maxReopens,
                OffsetDateTime.now(clock));
        TicketView view = ledger.saved(ticket, role, TicketAction.FEEDBACK, from, request.rating() + "/" + request.solved()
                + (request.comment() == null ? "" : ": " + request.comment()));
        if (ticket.status == TicketStatus.TRIAGED) {
            notices.reopened(ticket);
        }
        return view;
    }

    @Transactional
    public TicketView cancel(long id, String reason) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.reporter(caller, ticket);
        TicketStatus from = ticket.status;
        ticket.cancel(OffsetDateTime.now(clock));
        return ledger.saved(ticket, role, TicketAction.CANCEL, from, reason);
    }

    @Transactional
    public TicketView reject(long id, Reject request) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.leader(caller, ticket);
        TicketStatus from = ticket.status;
        Long duplicateOf = null;
        if (request.reason() == RejectReason.DUPLICATE) {
            if (request.duplicateOf() == null || request.duplicateOf() == id) {
                throw ProblemException.invalidField("duplicateOf", "ticket.duplicate-of-required");
            }
            duplicateOf = TicketQueries.findVisible(entityManager, caller, request.duplicateOf())
                    .orElseThrow(() -> ProblemException.invalidField("duplicateOf", "field.not-found")).id;
        }
        ticket.reject(request.reason(), duplicateOf, OffsetDateTime.now(clock));
        return ledger.saved(ticket, role, TicketAction.REJECT, from,
                request.reason() + (request.note() == null ? "" : ": " + request.note()));
    }

    private Category activeCategory(String code, String field) {
        Category category = Category.findByCode(caller.districtId(), code);
        if (category == null || !category.active) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "ticket.unknown-category", code);
        }
        return category;
    }

    /** The grid's path in the caller's district; an unknown grid is 422. */
    private String gridPath(long gridId) {
        @SuppressWarnings("unchecked")
        List<String> paths = entityManager.createNativeQuery(
                "SELECT path FROM region WHERE id = ?1 AND district_id = ?2 AND type = 'GRID'")
                .setParameter(1, gridId).setParameter(2, caller.districtId()).getResultList();
        if (paths.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "ticket.unknown-grid", gridId);
        }
        return paths.get(0);
    }

    /** The grid's path, if the caller acts there in one of the roles; otherwise the grid is unknown to them (422). */
    private String requireCovered(long gridId, Role... roles) {
        String path = gridPath(gridId);
        if (!caller.covers(path, roles)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "ticket.unknown-grid", gridId);
        }
        return path;
    }

    private List<Long> regionIds(Role role) {
        return caller.bindings().stream().filter(b -> b.role() == role).map(Binding::regionId)
                .filter(java.util.Objects::nonNull).toList();
    }

    private Long contactUnitOf(long gridId) {
        Long unit = ledger.contactUnit(gridId);
        if (unit == null) {
            throw ProblemException.invalidField("unitId", "ticket.unit-required");
        }
        return unit;
    }

    private void requireUnit(long unitId) {
        long units = ((Number) entityManager.createNativeQuery("SELECT count(*) FROM unit WHERE id = ?1 AND district_id = ?2")
                .setParameter(1, unitId).setParameter(2, caller.districtId()).getSingleResult()).longValue();
        if (units == 0) {
            throw ProblemException.invalidField("unitId", "field.not-found");
        }
    }

    /** A ticket may be dispatched to an account only if that account could claim it from the pool. */
    private void requireEligible(Long accountId, Ticket ticket) {
        if (accountId == null) {
            throw ProblemException.invalidField("assigneeId", "ticket.assignee-required");
        }
        long eligible = ((Number) entityManager.createNativeQuery("""
                SELECT count(*) FROM role_binding b JOIN region r ON r.id = b.region_id JOIN account a ON a.id = b.account_id
                WHERE b.account_id = ?1 AND a.enabled AND b.role IN ('PARTY_MEMBER', 'GRID_MEMBER')
                  AND ?2 LIKE r.path || '%'""")
                .setParameter(1, accountId).setParameter(2, ticket.gridPath).getSingleResult()).longValue();
        if (eligible == 0) {
            throw ProblemException.invalidField("assigneeId", "ticket.assignee-not-eligible");
        }
    }
}
