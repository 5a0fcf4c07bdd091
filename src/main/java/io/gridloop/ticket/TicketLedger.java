package io.gridloop.ticket;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.StatelessSession;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.media.Attachments;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;

/**
 * What every ticket write shares: finding the ticket in the caller's sight, and writing the change
 * with its timeline event (一账) in the caller's transaction. What is only ever inserted (a new ticket,
 * every event) goes through the transaction's {@link StatelessSession}: one INSERT at once, on the same
 * connection, with nothing for the persistence context to keep, check or flush; a change to a ticket
 * goes through the {@link EntityManager} that loaded it.
 */
@ApplicationScoped
class TicketLedger {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final Caller caller;
    private final EntityManager entityManager;
    private final StatelessSession inserts;
    private final TicketQueries queries;
    private final TicketViews views;
    private final ObjectMapper json;
    private final Attachments attachments;

    TicketLedger(Caller caller, EntityManager entityManager, StatelessSession inserts, TicketQueries queries, TicketViews views,
            ObjectMapper json, Attachments attachments) {
        this.caller = caller;
        this.entityManager = entityManager;
        this.inserts = inserts;
        this.queries = queries;
        this.views = views;
        this.json = json;
        this.attachments = attachments;
    }

    /** The ticket, if the caller may see it; otherwise it does not exist for them (404). */
    Ticket visible(long id) {
        return queries.findVisible(id).orElseThrow(ProblemException::notFound);
    }

    /**
     * 群众点单: a new ticket and its FILE event, inserted now in that order, with the filer's uploads
     * attached to the event. The ticket is not managed afterwards: a filing changes nothing after it.
     */
    void filed(Ticket ticket, String role, OffsetDateTime now, List<Long> attachmentIds) {
        inserts.insert(ticket);
        attach(ticket, record(ticket, role, TicketAction.FILE, null, null, null, now), attachmentIds);
    }

    /**
     * Writes the change and its event now, so a conflict surfaces here, and answers the ticket as the
     * caller may see it. {@code now} is the action's one reading of the clock: the event's time and the
     * ticket's {@code updatedAt}, as it is the time the action gave the ticket (claimed, resolved, closed
     * at), so the timeline and the ticket never disagree by the microseconds between two readings.
     * {@code note} is what the person wrote; {@code fact} what the action decided.
     */
    TicketView saved(Ticket ticket, OffsetDateTime now, String role, TicketAction action, TicketStatus from, String note,
            TicketFact fact) {
        return saved(ticket, now, role, action, from, note, fact, null);
    }

    /** As {@link #saved(Ticket, OffsetDateTime, String, TicketAction, TicketStatus, String, TicketFact)}, attaching the caller's uploads to the event. */
    TicketView saved(Ticket ticket, OffsetDateTime now, String role, TicketAction action, TicketStatus from, String note,
            TicketFact fact, List<Long> attachmentIds) {
        ticket.updatedAt = now;
        entityManager.flush(); // the ticket's UPDATE before its event's INSERT, whose triggers read the ticket
        attach(ticket, record(ticket, role, action, from, note, fact, now), attachmentIds);
        return views.of(ticket);
    }

    /** The caller's own unattached uploads join the ticket with the event, in its transaction (422 for any other). */
    private void attach(Ticket ticket, TicketEvent event, List<Long> attachmentIds) {
        attachments.attach(ticket.districtId, caller.accountId(), attachmentIds, ticket.id, event.id, event.createdAt,
                "attachmentIds");
    }

    private TicketEvent record(Ticket ticket, String role, TicketAction action, TicketStatus from, String note, TicketFact fact,
            OffsetDateTime now) {
        if (fact == null ? action.fact() != null : !action.fact().isInstance(fact)) {
            throw new IllegalArgumentException(action + " records a " + action.fact() + ", not " + fact);
        }
        TicketEvent event = new TicketEvent();
        event.ticketId = ticket.id;
        event.districtId = ticket.districtId;
        event.actorId = caller.accountId() == 0 ? null : caller.accountId();
        event.actorRole = role;
        event.action = action.slug();
        event.fromStatus = from == null ? null : from.name();
        event.toStatus = ticket.status.name();
        event.note = note;
        event.details = fact == null ? null : json.convertValue(fact, DETAILS);
        event.createdAt = now;
        inserts.insert(event);
        return event;
    }
}
