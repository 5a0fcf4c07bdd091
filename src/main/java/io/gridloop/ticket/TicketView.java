package io.gridloop.ticket;

import java.time.OffsetDateTime;
import java.util.List;

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
        Long id, String number, Kind kind, TicketStatus status, String categoryCode, String title, String description,
        Location location, Long gridId, Source source, MatterClass matterClass, Priority priority, boolean anonymous,
        Reporter reporter, Assignee assignee, OffsetDateTime dueAt, OffsetDateTime responseDueAt,
        OffsetDateTime resolutionDueAt, OffsetDateTime feedbackDueAt, Supervision supervision, boolean overdue,
        Long extensionRequestId, int reopenCount,
        boolean flaggedForCommunity, Long duplicateOf, List<Long> duplicates, RejectReason rejectReason,
        String resolution, OffsetDateTime verifiedAt, Rating rating, Solved solved, long version,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public record Location(Double lat, Double lng, String address) {
    }

    /** Who filed it; name and phone are absent or masked when the caller may not know them. */
    public record Reporter(Long accountId, String name, String phone) {
    }

    /** Who has it: the pool, an account or a unit (with the handler who accepted, once claimed). */
    public record Assignee(DispatchTarget target, Long accountId, String name, Long unitId) {
    }
}
