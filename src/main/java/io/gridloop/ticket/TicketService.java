package io.gridloop.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;
import jakarta.persistence.OptimisticLockException;

import io.gridloop.calendar.Calendars;
import io.gridloop.account.ClaimEligibility;
import io.gridloop.catalog.Catalog;
import io.gridloop.region.Regions;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.sql.Jdbc;
import io.gridloop.shared.sql.Where;
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
 * The ticket loop's writes. Every change and its timeline event, with whatever goes with them, are written together or
 * not at all; a refused action (404 out of scope, 403 role, 409 state) changes nothing. A filing's writes and most
 * actions' are one statement ({@link TicketLedger}), which PostgreSQL applies whole or not at all, so they begin no
 * transaction (a caller's they join): what an action reads before it writes is checked by the version its UPDATE
 * expects, as it would be in a transaction at PostgreSQL's READ COMMITTED. Writes of more than one statement (uploads
 * attached, the first number of a year) share a transaction the ledger begins for them; a rating that closes the
 * ticket pays its handler in its own statement ({@link ClosingAward}).
 */
@Singleton
public class TicketService {

    private static final Role[] STAFF_FILERS = { Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN };
    private static final Set<Source> EXTERNAL_SOURCES = EnumSet.of(Source.OPEN311, Source.HOTLINE, Source.INTEGRATION);
    /** How often a claim tries, when other changes keep moving the ticket's version under it. */
    private static final int CLAIM_ATTEMPTS = 3;

    private final Caller caller;
    private final Jdbc jdbc;
    private final TicketQueries queries;
    private final Regions regions;
    private final Catalog catalog;
    private final TicketNotices notices;
    private final TicketLedger ledger;
    private final TicketOversight oversight;
    private final Calendars calendars;
    private final Clock clock;
    private final ZoneId zone;
    private final int maxReopens;
    private final Duration feedbackWindow;
    private final ClosingAward award;

    TicketService(Caller caller, Jdbc jdbc, TicketQueries queries, Regions regions, Catalog catalog, TicketNotices notices,
            TicketLedger ledger, TicketOversight oversight, Calendars calendars, Clock clock, DistrictConfig district,
            TicketConfig config, ClosingAward award) {
        this.caller = caller;
        this.jdbc = jdbc;
        this.queries = queries;
        this.regions = regions;
        this.catalog = catalog;
        this.notices = notices;
        this.ledger = ledger;
        this.oversight = oversight;
        this.calendars = calendars;
        this.clock = clock;
        this.zone = district.zone();
        this.maxReopens = config.maxReopens();
        this.feedbackWindow = config.feedbackWindow();
        this.award = award;
    }

    public TicketView file(FileTicket request) {
        return filed(request, null);
    }

    /**
     * A ticket another system files through its API key ({@link ExternalTicket}): the same filing, timeline
     * and views as any other, with the grid found inside the key's jurisdiction.
     */
    public TicketView fileExternal(ExternalTicket ticket) {
        return fileExternal(ticket, null);
    }

    /** The same, kept under the other system's own id for the matter ({@link TicketIntake}) when one is given. */
    TicketView fileExternal(ExternalTicket ticket, ExternalId id) {
        if (!caller.isApiKey() || !EXTERNAL_SOURCES.contains(ticket.source())) {
            throw ProblemException.forbidden();
        }
        return filed(new FileTicket(ticket.categoryCode(), ticket.title(), ticket.description(),
                ticket.lat() == null && ticket.address() == null ? null
                        : new TicketRequests.Location(ticket.lat(), ticket.lng(), ticket.address()),
                ticket.gridId(), Kind.ISSUE, ticket.anonymous(), List.of(), ticket.source(), ticket.reporterName(),
                ticket.reporterPhone()), id);
    }

    /** Another system's name for itself, its id for the matter, and a digest of the request that filed it. */
    record ExternalId(String source, String id, String digest) {
    }

    private TicketView filed(FileTicket request, ExternalId external) {
        Catalog.Terms category = activeCategory(request.categoryCode());
        OffsetDateTime now = OffsetDateTime.now(clock);
        TicketRequests.Location location = request.location();
        if (location != null && (location.lat() == null) != (location.lng() == null)) {
            throw ProblemException.invalidField("location", "ticket.location-incomplete");
        }
        Filer filer = filer(request);
        Ticket ticket = Ticket.file(caller.districtId(),
                new Ticket.Filing(request.kind() == null ? Kind.ISSUE : request.kind(), category.id(), request.title().strip(),
                        request.description(), location == null ? null : location.lat(), location == null ? null : location.lng(),
                        location == null ? null : location.address(), request.anonymous(), filer.gridId(), filer.gridPath(),
                        filer.source(), filer.reporterId(), filer.reporterName(), filer.reporterPhone()),
                now);
        if (external != null) {
            ticket.filedExternally(external.source(), external.id(), external.digest(), caller.apiKeyId());
        } else if (caller.isApiKey()) {
            ticket.filedBy(caller.apiKeyId());
        }
        return ledger.filed(ticket, now.atZoneSameInstant(zone).getYear(), filer.role(), now, request.attachmentIds());
    }

    /** Who filed, in which role, for whom and where: decided from the caller and the request. */
    private record Filer(String role, Source source, long gridId, String gridPath, Long reporterId, String reporterName,
            String reporterPhone) {
    }

    /** Who files decides the source and the grid (SPEC §2a): residents, grid members on patrol, staff. */
    private Filer filer(FileTicket request) {
        if (caller.isApiKey()) {
            Regions.Grid grid = jurisdictionGrid(request);
            return new Filer(Role.INTEGRATION.name(), request.source(), grid.id(), grid.path(), null, request.reporterName(),
                    request.reporterPhone());
        }
        boolean staffSource = request.source() == Source.WALK_IN || request.source() == Source.HOTLINE;
        if (staffSource && !caller.scopePaths(STAFF_FILERS).isEmpty()) {
            if (request.gridId() == null) {
                throw ProblemException.invalidField("gridId", "ticket.grid-required");
            }
            if (request.reporterName() == null || request.reporterName().isBlank()) {
                throw ProblemException.invalidField("reporterName", "ticket.reporter-name-required");
            }
            String role = caller.bindings().stream().filter(b -> List.of(STAFF_FILERS).contains(b.role())).findFirst()
                    .map(b -> b.role().name()).orElseThrow();
            return new Filer(role, request.source(), request.gridId(), requireCovered(request.gridId(), STAFF_FILERS), null,
                    request.reporterName().strip(), request.reporterPhone());
        }
        if (request.source() != null && request.source() != Source.MINI_PROGRAM && request.source() != Source.PATROL) {
            throw ProblemException.invalidField("source", "ticket.source-not-allowed");
        }
        if (caller.hasRole(Role.RESIDENT) && request.source() != Source.PATROL) {
            Regions.Grid grid = residentGrid(request);
            return new Filer(Role.RESIDENT.name(), Source.MINI_PROGRAM, grid.id(), grid.path(), caller.accountId(), null, null);
        }
        if (caller.hasRole(Role.GRID_MEMBER)) {
            List<Long> grids = regionIds(Role.GRID_MEMBER);
            long grid = request.gridId() != null ? request.gridId() : grids.get(0);
            return new Filer(Role.GRID_MEMBER.name(), Source.PATROL, grid, requireCovered(grid, Role.GRID_MEMBER),
                    caller.accountId(), null, null);
        }
        throw ProblemException.forbidden();
    }

    /**
     * An API key files into its jurisdiction only: the grid it names, else the grid holding the point,
     * either if the key covers it (422 otherwise); without either, the key's own grid when it is bound to
     * one (422 otherwise: a district-wide key cannot tell the grid from an address alone).
     */
    private Regions.Grid jurisdictionGrid(FileTicket request) {
        TicketRequests.Location location = request.location();
        Optional<Regions.Grid> grid;
        if (request.gridId() != null) {
            grid = regions.gridPath(caller.districtId(), request.gridId()).map(path -> new Regions.Grid(request.gridId(), path));
        } else if (location != null && location.lat() != null) {
            grid = regions.locate(caller.districtId(), location.lat(), location.lng());
        } else {
            return regionIds(Role.INTEGRATION).stream()
                    .flatMap(id -> regions.gridPath(caller.districtId(), id).map(path -> new Regions.Grid(id, path)).stream())
                    .findFirst()
                    .orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE, "ticket.location-required"));
        }
        return grid.filter(found -> caller.covers(found.path(), Role.INTEGRATION))
                .orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE, "ticket.outside-jurisdiction"));
    }

    /**
     * The grid whose boundary holds the location (its path read by the same statement), else the
     * resident's home grid. A grid the resident names must be one of these two: a resident files where
     * they are or where they live, not into any grid of the district (422 otherwise).
     */
    private Regions.Grid residentGrid(FileTicket request) {
        Optional<Regions.Grid> located = Optional.empty();
        if (request.location() != null && request.location().lat() != null && request.location().lng() != null) {
            located = regions.locate(caller.districtId(), request.location().lat(), request.location().lng());
        }
        List<Long> homes = regionIds(Role.RESIDENT);
        if (request.gridId() != null) {
            long named = request.gridId();
            Optional<Regions.Grid> here = located.filter(grid -> grid.id() == named);
            if (here.isEmpty() && !homes.contains(named)) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, "ticket.grid-not-allowed", named);
            }
            return here.orElseGet(() -> new Regions.Grid(named, gridPath(named)));
        }
        if (located.isPresent()) {
            return located.get();
        }
        long home = homes.stream().findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE, "ticket.no-grid"));
        return new Regions.Grid(home, gridPath(home));
    }

    public TicketView triage(long id, Triage request) {
        Ticket ticket = ledger.visible(id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String role = TicketPolicy.leader(caller, ticket);
        TicketStatus from = ticket.status;
        Catalog.Terms category = request.categoryCode() == null ? catalog.byId(ticket.categoryId)
                : activeCategory(request.categoryCode());
        ticket.triage(request.matterClass(), request.priority(), category.id());
        return ledger.saved(ticket, now, role, TicketAction.TRIAGE, from, request.note(),
                new TicketFact.Triage(ticket.matterClass, ticket.priority, category.code()));
    }

    public TicketView dispatch(long id, Dispatch request) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.leader(caller, ticket);
        TicketStatus from = ticket.status;
        Long unitId = request.unitId();
        if (request.target() == DispatchTarget.UNIT) {
            unitId = unitId != null ? unitId : regions.contactUnit(ticket.gridId)
                    .orElseThrow(() -> ProblemException.invalidField("unitId", "ticket.unit-required"));
            if (!regions.unitExists(caller.districtId(), unitId)) {
                throw ProblemException.invalidField("unitId", "field.not-found");
            }
        } else if (request.target() == DispatchTarget.ACCOUNT) {
            requireEligible(request.assigneeId(), ticket);
        }
        Catalog.Terms category = catalog.byId(ticket.categoryId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        ticket.dispatch(request.target(), request.assigneeId(), unitId, category.defaultMatterClass(),
                deadlines(ticket.districtId, category, now), now);
        return ledger.saved(ticket, now, role, TicketAction.DISPATCH, from, request.note(),
                new TicketFact.Dispatch(ticket.dispatchTarget, ticket.assigneeId, ticket.assigneeUnitId, ticket.responseDueAt,
                        ticket.resolutionDueAt), notices.dispatched(ticket));
    }

    /** SPEC §1.7: both limits run from dispatch; RED is overdue by the limit once more. */
    private Ticket.Deadlines deadlines(long districtId, Catalog.Terms category, OffsetDateTime now) {
        OffsetDateTime responseDue = calendars.due(districtId, now, category.responseLimit(), category.responseLimitUnit());
        OffsetDateTime resolutionDue = calendars.due(districtId, now, category.resolutionLimit(), category.resolutionLimitUnit());
        return new Ticket.Deadlines(responseDue,
                calendars.due(districtId, responseDue, category.responseLimit(), category.responseLimitUnit()), resolutionDue,
                calendars.due(districtId, resolutionDue, category.resolutionLimit(), category.resolutionLimitUnit()));
    }

    /**
     * First come, first served: a claim finds the ticket only if the caller may claim it now, and its UPDATE expects the
     * version it found, so of any number of concurrent claims on any number of instances exactly one proceeds. One whose
     * UPDATE finds the version moved looks again: after the winner's claim it finds nothing to claim and hears 409 (or
     * 403 when the ticket is still open but not theirs to claim); after another change that left the ticket claimable
     * (a supervision, the deadline scan) it claims again, up to {@value #CLAIM_ATTEMPTS} times in all. One statement, no
     * transaction, as the other actions.
     */
    public TicketView claim(long id) {
        for (int attempt = 1;; attempt++) {
            Ticket ticket = queries.findClaimable(id).orElseThrow(() -> notClaimable(id));
            String role = TicketPolicy.actingRole(caller, ticket);
            OffsetDateTime now = OffsetDateTime.now(clock);
            ticket.claimBy(caller.accountId(), now);
            try {
                return ledger.saved(ticket, now, role, TicketAction.CLAIM, TicketStatus.DISPATCHED, null, null);
            } catch (OptimisticLockException changed) {
                if (attempt == CLAIM_ATTEMPTS) {
                    throw changed;
                }
            }
        }
    }

    /** Why the caller may not claim the ticket: its state (409), else its place (403), else it is out of sight (404). */
    private RuntimeException notClaimable(long id) {
        // a pooled ticket leaves the caller's sight once claimed: who lost the race must still hear 409, not 404
        Ticket current = queries.findVisible(id).or(() -> queries.findContested(id)).orElseThrow(ProblemException::notFound);
        if (!TicketAction.CLAIM.allowedFrom(current.status)) {
            return new TransitionRefused(TicketAction.CLAIM, current.status);
        }
        return ProblemException.forbidden();
    }

    public TicketView start(long id) {
        Ticket ticket = ledger.visible(id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String role = TicketPolicy.assignee(caller, ticket);
        TicketStatus from = ticket.status;
        ticket.start();
        return ledger.saved(ticket, now, role, TicketAction.START, from, null, null);
    }

    public TicketView note(long id, String text, List<Long> attachmentIds) {
        Ticket ticket = ledger.visible(id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String role = TicketPolicy.noter(caller, ticket);
        ticket.note();
        return ledger.saved(ticket, now, role, TicketAction.NOTE, ticket.status, text, null, attachmentIds);
    }

    public TicketView release(long id, String reason) {
        Ticket ticket = ledger.visible(id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String role = TicketPolicy.assignee(caller, ticket);
        TicketStatus from = ticket.status;
        Where.Jdbc lapse = oversight.lapse(ticket, now);
        ticket.release();
        return ledger.saved(ticket, now, role, TicketAction.RELEASE, from, reason, null, lapse);
    }

    public TicketView resolve(long id, String resolution, List<Long> attachmentIds) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.resolver(caller, ticket);
        TicketStatus from = ticket.status;
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean verifyFirst = catalog.byId(ticket.categoryId).verificationRequired();
        Where.Jdbc lapse = oversight.lapse(ticket, now);
        ticket.resolve(resolution.strip(), now, verifyFirst ? null : now.plus(feedbackWindow));
        return ledger.saved(ticket, now, role, TicketAction.RESOLVE, from, resolution, null, attachmentIds,
                notices.resolved(ticket), lapse);
    }

    public TicketView verify(long id, boolean passed, String note) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.leader(caller, ticket);
        TicketStatus from = ticket.status;
        boolean feedbackAsked = ticket.feedbackDueAt != null;
        OffsetDateTime now = OffsetDateTime.now(clock);
        ticket.verify(passed, now, now.plus(feedbackWindow));
        return ledger.saved(ticket, now, role, TicketAction.VERIFY, from, note, new TicketFact.Verification(passed),
                passed && !feedbackAsked ? notices.feedbackRequested() : null);
    }

    /** A rating that closes the ticket pays its handler ({@link ClosingAward}) in its statement. */
    public TicketView feedback(long id, Feedback request) {
        Ticket ticket = ledger.visible(id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String role = TicketPolicy.reporter(caller, ticket);
        if (request.rating() == TicketTerms.Rating.NOT_RATED) {
            throw ProblemException.invalidField("rating", "ticket.not-rated-is-for-the-system");
        }
        TicketStatus from = ticket.status;
        boolean verificationRequired = catalog.byId(ticket.categoryId).verificationRequired();
        ticket.feedback(request.rating(), request.solved(), request.comment(), verificationRequired, maxReopens, now);
        boolean reopened = ticket.status == TicketStatus.TRIAGED;
        return ledger.saved(ticket, now, role, TicketAction.FEEDBACK, from, request.comment(),
                new TicketFact.Feedback(request.rating(), request.solved()), reopened ? notices.reopened()
                        : award.paid(new TicketClosed(ticket.id, ticket.districtId, ticket.kind, ticket.assigneeId,
                                ticket.rating, ticket.closedAt), TicketLedger.CHANGED));
    }

    public TicketView cancel(long id, String reason) {
        Ticket ticket = ledger.visible(id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String role = TicketPolicy.reporter(caller, ticket);
        TicketStatus from = ticket.status;
        ticket.cancel(now);
        return ledger.saved(ticket, now, role, TicketAction.CANCEL, from, reason, null);
    }

    public TicketView reject(long id, Reject request) {
        Ticket ticket = ledger.visible(id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String role = TicketPolicy.leader(caller, ticket);
        TicketStatus from = ticket.status;
        Long duplicateOf = null;
        if (request.reason() == RejectReason.DUPLICATE) {
            if (request.duplicateOf() == null || request.duplicateOf() == id) {
                throw ProblemException.invalidField("duplicateOf", "ticket.duplicate-of-required");
            }
            duplicateOf = queries.findVisible(request.duplicateOf())
                    .orElseThrow(() -> ProblemException.invalidField("duplicateOf", "field.not-found")).id;
        }
        ticket.reject(request.reason(), duplicateOf, now);
        return ledger.saved(ticket, now, role, TicketAction.REJECT, from, request.note(),
                new TicketFact.Rejection(request.reason(), duplicateOf));
    }

    private Catalog.Terms activeCategory(String code) {
        return catalog.byCode(caller.districtId(), code).filter(Catalog.Terms::active)
                .orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE, "ticket.unknown-category", code));
    }

    /** The grid's path in the caller's district; an unknown grid is 422. */
    private String gridPath(long gridId) {
        return regions.gridPath(caller.districtId(), gridId)
                .orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE, "ticket.unknown-grid", gridId));
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

    /** A ticket may be dispatched to an account only if that account could claim it from the pool ({@link ClaimEligibility}). */
    private void requireEligible(Long accountId, Ticket ticket) {
        if (accountId == null) {
            throw ProblemException.invalidField("assigneeId", "ticket.assignee-required");
        }
        Where account = Where.of("e.account_id = :account", "account", accountId).with("gridPath", ticket.gridPath);
        Where.Jdbc statement = account.jdbc("SELECT 1 FROM (" + ClaimEligibility.accountsSql(":gridPath") + ") e WHERE "
                + account.sql());
        boolean eligible = !jdbc.rows(statement.sql(), row -> true, statement.parameters()).isEmpty();
        if (!eligible) {
            throw ProblemException.invalidField("assigneeId", "ticket.assignee-not-eligible");
        }
    }
}
