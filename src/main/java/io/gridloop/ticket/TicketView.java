package io.gridloop.ticket;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.catalog.MatterClass;
import io.gridloop.ticket.TicketTerms.DispatchTarget;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Priority;
import io.gridloop.ticket.TicketTerms.Rating;
import io.gridloop.ticket.TicketTerms.RejectReason;
import io.gridloop.ticket.TicketTerms.Solved;
import io.gridloop.ticket.TicketTerms.Source;
import io.gridloop.ticket.TicketTerms.Supervision;

/** A ticket as the caller may see it: the reporter's identity is cut to what their role may know. */
public record TicketView(
        Long id, String number, Kind kind, TicketStatus status, String categoryCode, String title,
        @Schema(nullable = true) String description, @Schema(nullable = true) Location location,
        @Schema(nullable = true) Long gridId, Source source, @Schema(nullable = true) MatterClass matterClass,
        @Schema(nullable = true) Priority priority, boolean anonymous, @Schema(nullable = true) Reporter reporter,
        @Schema(nullable = true) Assignee assignee, @Schema(nullable = true) OffsetDateTime dueAt,
        @Schema(nullable = true) OffsetDateTime responseDueAt, @Schema(nullable = true) OffsetDateTime resolutionDueAt,
        @Schema(nullable = true) OffsetDateTime feedbackDueAt, Supervision supervision, boolean overdue,
        @Schema(nullable = true) Long extensionRequestId, int reopenCount,
        boolean flaggedForCommunity, @Schema(nullable = true) Long duplicateOf, List<Long> duplicates,
        @Schema(nullable = true) RejectReason rejectReason, @Schema(nullable = true) String resolution,
        @Schema(nullable = true) OffsetDateTime verifiedAt, @Schema(nullable = true) Rating rating,
        @Schema(nullable = true) Solved solved, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        @Schema(nullable = true, description = "for a ticket another system filed: its name for itself and its id there")
        External external,
        @Schema(description = "uploads attached when filing, in notes and on resolving, oldest first: GET /api/v1/media/{id}")
        List<Long> attachmentIds) {

    /** The same view with the number its filing drew: a filing's answer is built before its statement draws one. */
    TicketView numbered(String drawn) {
        return new TicketView(id, drawn, kind, status, categoryCode, title, description, location, gridId, source, matterClass,
                priority, anonymous, reporter, assignee, dueAt, responseDueAt, resolutionDueAt, feedbackDueAt, supervision,
                overdue, extensionRequestId, reopenCount, flaggedForCommunity, duplicateOf, duplicates, rejectReason, resolution,
                verifiedAt, rating, solved, version, createdAt, updatedAt, external, attachmentIds);
    }

    /** Another system's name for itself (e.g. "12345") and its id for the ticket there. */
    public record External(String source, String externalId) {
    }

    public record Location(@Schema(nullable = true) Double lat, @Schema(nullable = true) Double lng,
            @Schema(nullable = true) String address) {
    }

    /** Who filed it; name and phone are absent or masked when the caller may not know them. */
    public record Reporter(@Schema(nullable = true) Long accountId, @Schema(nullable = true) String name,
            @Schema(nullable = true) String phone) {
    }

    /** Who has it: the pool, an account or a unit (with the handler who accepted, once claimed). */
    public record Assignee(DispatchTarget target, @Schema(nullable = true) Long accountId,
            @Schema(nullable = true) String name, @Schema(nullable = true) Long unitId) {
    }
}
