package io.gridloop.ticket;

import java.time.OffsetDateTime;

import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Rating;

/**
 * A ticket was closed by its reporter's rating (SPEC §1.8). Fired synchronously inside the closing
 * transaction, so what observers write (points) commits or rolls back with the closing itself.
 * {@code handlerId} is who claimed and resolved it, null when nobody did (guidance by a leader).
 */
public record TicketClosed(long ticketId, long districtId, Kind kind, Long handlerId, Rating rating, OffsetDateTime at) {
}
