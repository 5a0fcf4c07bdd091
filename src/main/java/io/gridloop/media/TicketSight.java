package io.gridloop.media;

/**
 * Whether the caller may see a ticket, answered by the ticket feature (its scope, SPEC §1.2), so that
 * media follows the tickets' own rule without depending on them: an attachment is seen by whoever sees
 * its ticket.
 */
public interface TicketSight {

    boolean visible(long ticketId);
}
