package io.gridloop.ticket;

import io.gridloop.ticket.TicketTerms.Source;

/**
 * A ticket another system files for a person of its own (SPEC §1.4 sources OPEN311, HOTLINE,
 * INTEGRATION), through {@link TicketService#fileExternal} or, under the system's own id, {@link TicketIntake}.
 * The caller is the system's API key; the grid is the one named, else the one holding (lat, lng), inside the
 * key's jurisdiction, or the key's grid when it is bound to one grid and neither is given. The reporter's
 * name and phone are kept as a walk-in's are, and shown as theirs are (masked). Values are checked by the
 * feature that receives them (lengths, control characters).
 */
public record ExternalTicket(Source source, String categoryCode, String title, String description, Double lat, Double lng,
        String address, Long gridId, boolean anonymous, String reporterName, String reporterPhone) {
}
