package io.gridloop.ticket;

import java.time.OffsetDateTime;

import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Rating;

/**
 * A ticket closed by its reporter's rating (SPEC §1.8), as {@link ClosingAward} is asked what it pays.
 * {@code handlerId} is who claimed and resolved it, null when nobody did (guidance by a leader).
 */
public record TicketClosed(long ticketId, long districtId, Kind kind, Long handlerId, Rating rating, OffsetDateTime at) {
}
