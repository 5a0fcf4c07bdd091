package io.gridloop.ticket;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.catalog.MatterClass;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Supervision;

/**
 * A wish as the wall shows it to the community, or an open ticket as the community's needs list shows
 * it (SPEC §1.9): the resident anonymised, so no reporter, no phone, no coordinates, and the address cut
 * to the building.
 */
public record WishView(long id, String number,
        @Schema(description = "WISH on the wall; the needs list holds open tickets (ISSUE) too") Kind kind,
        TicketStatus status, String categoryCode, String title,
        @Schema(nullable = true) String description,
        @Schema(nullable = true, description = "the address up to the building (幢, 栋, 号楼, 座); null when it names none")
        String building,
        long gridId, @Schema(nullable = true) MatterClass matterClass, @Schema(nullable = true) TicketView.Assignee assignee,
        @Schema(nullable = true) OffsetDateTime dueAt, Supervision supervision,
        @Schema(description = "waiting in the pool: an eligible member may claim it (POST /api/v1/tickets/{id}/claim)")
        boolean claimable,
        long version, OffsetDateTime createdAt) {
}
