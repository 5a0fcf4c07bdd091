package io.gridloop.ticket;

import io.gridloop.ticket.TicketTerms.Source;

/**
 * A ticket another system files for a person of its own (Open311: SPEC §1.4 source OPEN311), through
 * {@link TicketService#fileExternal}. The caller is the system's API key; the grid is the one holding
 * (lat, lng) inside the key's jurisdiction, or the key's grid when it is bound to one grid and no point is
 * given. The reporter's name and phone are kept as a walk-in's are, and shown as theirs are (masked).
 * Values are checked by the feature that receives them (lengths, control characters).
 */
public record ExternalTicket(Source source, String categoryCode, String title, String description, Double lat, Double lng,
        String address, String reporterName, String reporterPhone) {
}
