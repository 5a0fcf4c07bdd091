package io.gridloop.ticket;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridloop.media.TicketSight;

/** Media asks whether the caller sees a ticket; the answer is the tickets' own scope ({@link TicketScope}). */
@ApplicationScoped
class MediaTicketSight implements TicketSight {

    private final TicketQueries queries;

    MediaTicketSight(TicketQueries queries) {
        this.queries = queries;
    }

    @Override
    public boolean visible(long ticketId) {
        return queries.findVisible(ticketId).isPresent();
    }
}
