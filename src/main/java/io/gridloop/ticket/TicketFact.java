package io.gridloop.ticket;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.catalog.MatterClass;
import io.gridloop.ticket.TicketTerms.DispatchTarget;
import io.gridloop.ticket.TicketTerms.Priority;
import io.gridloop.ticket.TicketTerms.Rating;
import io.gridloop.ticket.TicketTerms.RejectReason;
import io.gridloop.ticket.TicketTerms.Solved;
import io.gridloop.ticket.TicketTerms.Supervision;

/**
 * The facts of one timeline event, typed by its action and kept in {@code ticket_event.details}
 * (jsonb, this record's JSON); the event's note holds only what a person wrote. Metrics, webhooks and
 * ledgers read these, never the note. Which action records which fact is {@link TicketAction#fact}.
 */
public sealed interface TicketFact {

    /** 三事分流: how the leader classed it. */
    @Schema(name = "TriageFact")
    record Triage(MatterClass matterClass, Priority priority, String categoryCode) implements TicketFact {
    }

    /** Who it went to, and the deadlines the dispatch started. */
    @Schema(name = "DispatchFact")
    record Dispatch(DispatchTarget target, @Schema(nullable = true) Long assigneeId, @Schema(nullable = true) Long unitId,
            OffsetDateTime responseDueAt, OffsetDateTime resolutionDueAt) implements TicketFact {
        public Dispatch {
            responseDueAt = utc(responseDueAt);
            resolutionDueAt = utc(resolutionDueAt);
        }
    }

    /** The reporter's rating, or NOT_RATED when the feedback window closed it. */
    @Schema(name = "FeedbackFact")
    record Feedback(Rating rating, @Schema(nullable = true, description = "absent when the window closed it unrated") Solved solved)
            implements TicketFact {
    }

    /** 核查. */
    @Schema(name = "VerificationFact")
    record Verification(boolean passed) implements TicketFact {
    }

    @Schema(name = "RejectionFact")
    record Rejection(RejectReason reason, @Schema(nullable = true) Long duplicateOf) implements TicketFact {
    }

    /** 督办 by a person, or the overdue scan's rise. */
    @Schema(name = "SupervisionFact")
    record SupervisionLevel(Supervision level) implements TicketFact {
    }

    /**
     * 延期: asked ({@code approved} null) or decided. {@code from} is the resolution deadline when it was
     * asked, {@code to} the one asked for (absent from events written before the timeline was typed).
     */
    @Schema(name = "ExtensionFact")
    record Extension(long requestId,
            @Schema(nullable = true, description = "the resolution deadline when it was asked") OffsetDateTime from,
            @Schema(nullable = true, description = "the deadline asked for") OffsetDateTime to,
            @Schema(nullable = true, description = "the decision; null while asked") Boolean approved) implements TicketFact {
        public Extension {
            from = utc(from);
            to = utc(to);
        }
    }

    /** 催办: which deadline, due when. */
    @Schema(name = "ReminderFact")
    record Reminder(String deadline, OffsetDateTime dueAt) implements TicketFact {
        public Reminder {
            dueAt = utc(dueAt);
        }
    }

    /**
     * Times on the timeline are UTC to the microsecond, as PostgreSQL keeps them: rounded half up, as
     * the JDBC driver rounds the same time into the ticket's columns, so the two read the same.
     */
    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }
}
