package io.gridloop.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.gridloop.calendar.Calendars;
import io.gridloop.catalog.Catalog;
import io.gridloop.region.Regions;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.sql.Where;
import io.gridloop.ticket.TicketRequests.DecideExtension;
import io.gridloop.ticket.TicketRequests.RequestExtension;
import io.gridloop.ticket.TicketRequests.Supervise;

/**
 * Oversight of tickets in work (SPEC §1.6–1.7): supervision (督办) and deadline extensions (延期).
 * Like every ticket write, each change and its timeline event commit together ({@link TicketLedger}): a supervision in
 * one statement, with no transaction begun for it; an extension request and its decision, which write the request's
 * row through the ORM beside the change, in a transaction.
 */
@ApplicationScoped
public class TicketOversight {

    /** How far an extension may reach: a year is beyond any grid matter. */
    private static final Duration MAX_EXTENSION = Duration.ofDays(366);

    private final Caller caller;
    private final TicketLedger ledger;
    private final TicketNotices notices;
    private final Calendars calendars;
    private final Regions regions;
    private final Catalog catalog;
    private final Clock clock;

    TicketOversight(Caller caller, TicketLedger ledger, TicketNotices notices, Calendars calendars, Regions regions,
            Catalog catalog, Clock clock) {
        this.caller = caller;
        this.ledger = ledger;
        this.notices = notices;
        this.calendars = calendars;
        this.regions = regions;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** 督办: the community's and the district's admins, and the contact unit's leader for the grids it serves. */
    public TicketView supervise(long id, Supervise request) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.supervisor(caller, ticket, () -> regions.contactUnit(ticket.gridId).orElse(null));
        TicketStatus from = ticket.status;
        OffsetDateTime now = OffsetDateTime.now(clock);
        ticket.supervise(request.level());
        return ledger.saved(ticket, now, role, TicketAction.SUPERVISE, from, request.note(),
                new TicketFact.SupervisionLevel(request.level()), notices.supervised(ticket));
    }

    @Transactional
    public TicketView requestExtension(long id, RequestExtension request) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.assignee(caller, ticket);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!request.dueAt().isAfter(now)) {
            throw ProblemException.invalidField("dueAt", "ticket.extension-in-past");
        }
        if (request.dueAt().isAfter(now.plus(MAX_EXTENSION))) {
            throw ProblemException.invalidField("dueAt", "ticket.extension-too-far");
        }
        TicketStatus from = ticket.status;
        TicketExtension extension = new TicketExtension();
        extension.ticketId = ticket.id;
        extension.districtId = ticket.districtId;
        extension.requestedBy = caller.accountId();
        extension.dueAt = request.dueAt();
        extension.reason = request.reason().strip();
        extension.createdAt = now;
        extension.persistAndFlush(); // written before the ticket's change, which refers to it
        OffsetDateTime current = ticket.resolutionDueAt;
        ticket.requestExtension(extension.id, extension.dueAt);
        return ledger.saved(ticket, now, role, TicketAction.REQUEST_EXTENSION, from, extension.reason,
                new TicketFact.Extension(extension.id, current, extension.dueAt, null), notices.extensionRequested());
    }

    @Transactional
    public TicketView decideExtension(long id, long requestId, DecideExtension request) {
        Ticket ticket = ledger.visible(id);
        String role = TicketPolicy.leader(caller, ticket);
        TicketExtension extension = TicketExtension.findById(requestId);
        if (extension == null || extension.ticketId != ticket.id) {
            throw ProblemException.notFound();
        }
        TicketStatus from = ticket.status;
        OffsetDateTime now = OffsetDateTime.now(clock);
        Catalog.Terms category = catalog.byId(ticket.categoryId);
        OffsetDateTime current = ticket.resolutionDueAt;
        ticket.decideExtension(requestId, request.approved(), extension.dueAt,
                calendars.due(ticket.districtId, extension.dueAt, category.resolutionLimit(), category.resolutionLimitUnit()));
        extension.status = request.approved() ? TicketExtension.Status.APPROVED : TicketExtension.Status.REFUSED;
        extension.decidedBy = caller.accountId();
        extension.decisionNote = request.note();
        extension.decidedAt = now;
        return ledger.saved(ticket, now, role, TicketAction.DECIDE_EXTENSION, from, request.note(),
                new TicketFact.Extension(requestId, current, extension.dueAt, request.approved()),
                notices.extensionDecided(request.approved()));
    }

    /**
     * The assignee's open extension request lapses when the ticket leaves their hands (release, resolve), at {@code now}:
     * the UPDATE that goes with the action's change ({@link TicketLedger#saved}) if there is one, or null when none is
     * open.
     */
    Where.Jdbc lapse(Ticket ticket, OffsetDateTime now) {
        if (ticket.extensionRequestId == null) {
            return null;
        }
        return TicketLedger.along("lapse", new Where.Jdbc(
                "UPDATE ticket_extension SET status = ?, decided_at = ? WHERE id = ? AND EXISTS (SELECT FROM "
                        + TicketLedger.CHANGED + ")",
                new Object[] { TicketExtension.Status.LAPSED.name(), now, ticket.extensionRequestId }));
    }
}
