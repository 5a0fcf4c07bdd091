package io.gridloop.ticket;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;

/**
 * What every ticket write shares: finding the ticket in the caller's sight, and writing the change
 * with its timeline event (一账) in the caller's transaction.
 */
@ApplicationScoped
class TicketLedger {

    private final Caller caller;
    private final EntityManager entityManager;
    private final TicketViews views;
    private final Clock clock;

    TicketLedger(Caller caller, EntityManager entityManager, TicketViews views, Clock clock) {
        this.caller = caller;
        this.entityManager = entityManager;
        this.views = views;
        this.clock = clock;
    }

    /** The ticket, if the caller may see it; otherwise it does not exist for them (404). */
    Ticket visible(long id) {
        return TicketQueries.findVisible(entityManager, caller, id).orElseThrow(ProblemException::notFound);
    }

    /** Writes the change and its event now, so a conflict surfaces here, and answers the ticket as the caller may see it. */
    TicketView saved(Ticket ticket, String role, TicketAction action, TicketStatus from, String note) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        ticket.updatedAt = now;
        record(ticket, role, action, from, note, now);
        entityManager.flush();
        return views.of(ticket);
    }

    void record(Ticket ticket, String role, TicketAction action, TicketStatus from, String note, OffsetDateTime now) {
        TicketEvent event = new TicketEvent();
        event.ticketId = ticket.id;
        event.districtId = ticket.districtId;
        event.actorId = caller.accountId() == 0 ? null : caller.accountId();
        event.actorRole = role;
        event.action = action.slug();
        event.fromStatus = from == null ? null : from.name();
        event.toStatus = ticket.status.name();
        event.note = note;
        event.createdAt = now;
        event.persist();
    }

    /** The grid's contact unit (联系单位), if it has one. */
    Long contactUnit(long gridId) {
        Object unit = entityManager.createNativeQuery("SELECT contact_unit_id FROM region WHERE id = ?1")
                .setParameter(1, gridId).getSingleResult();
        return unit == null ? null : ((Number) unit).longValue();
    }
}
