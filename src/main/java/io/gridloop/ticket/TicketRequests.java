package io.gridloop.ticket;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.catalog.MatterClass;
import io.gridloop.shared.web.SafeText;
import io.gridloop.ticket.TicketTerms.DispatchTarget;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Priority;
import io.gridloop.ticket.TicketTerms.Rating;
import io.gridloop.ticket.TicketTerms.RejectReason;
import io.gridloop.ticket.TicketTerms.Solved;
import io.gridloop.ticket.TicketTerms.Source;
import io.gridloop.ticket.TicketTerms.Supervision;

/**
 * The bodies of the ticket endpoints. Free text refuses control characters (line breaks excepted). Public for the
 * demo loader ({@code seed}), which takes the demo's wishes round the loop through {@link TicketService}.
 */
public final class TicketRequests {

    private TicketRequests() {
    }

    public record Location(
            @DecimalMin("-90") @DecimalMax("90") Double lat,
            @DecimalMin("-180") @DecimalMax("180") Double lng,
            @Size(max = 200) @Pattern(regexp = SafeText.LINE) String address) {
    }

    public record FileTicket(
            @NotBlank @Size(max = 40) String categoryCode,
            @NotBlank @Size(min = 1, max = 100) @Pattern(regexp = SafeText.LINE) String title,
            @Size(max = 4000) @Pattern(regexp = SafeText.TEXT) String description,
            @Valid Location location,
            Long gridId,
            Kind kind,
            boolean anonymous,
            @Size(max = 9) List<@NotNull Long> attachmentIds,
            @Schema(description = "staff only: WALK_IN or HOTLINE") Source source,
            @Size(max = 50) @Pattern(regexp = SafeText.LINE) String reporterName,
            @Size(max = 20) @Pattern(regexp = "^[0-9+\\- ]*$") String reporterPhone) {
    }

    record Triage(@NotNull MatterClass matterClass, Priority priority, @Size(max = 40) String categoryCode,
            @Size(max = 1000) @Pattern(regexp = SafeText.TEXT) String note) {
    }

    public record Dispatch(@NotNull DispatchTarget target, Long assigneeId, Long unitId,
            @Size(max = 1000) @Pattern(regexp = SafeText.TEXT) String note) {
    }

    record Empty() {
    }

    record Note(@NotBlank @Size(max = 4000) @Pattern(regexp = SafeText.TEXT) String text, @Size(max = 9) List<@NotNull Long> attachmentIds) {
    }

    record Release(@NotBlank @Size(max = 1000) @Pattern(regexp = SafeText.TEXT) String reason) {
    }

    record Resolve(@NotBlank @Size(max = 4000) @Pattern(regexp = SafeText.TEXT) String resolution,
            @Size(max = 9) List<@NotNull Long> attachmentIds) {
    }

    record Verify(@NotNull Boolean passed, @Size(max = 1000) @Pattern(regexp = SafeText.TEXT) String note) {
    }

    public record Feedback(
            @NotNull @Schema(implementation = String.class, enumeration = { "SATISFIED", "BASICALLY_SATISFIED",
                    "DISSATISFIED" }, description = "NOT_RATED is the auto-close's, never a reporter's") Rating rating,
            @NotNull Solved solved, @Size(max = 1000) @Pattern(regexp = SafeText.TEXT) String comment) {
    }

    record Cancel(@Size(max = 1000) @Pattern(regexp = SafeText.TEXT) String reason) {
    }

    record Reject(@NotNull RejectReason reason, Long duplicateOf, @Size(max = 1000) @Pattern(regexp = SafeText.TEXT) String note) {
    }

    record Supervise(@NotNull Supervision level, @Size(max = 1000) @Pattern(regexp = SafeText.TEXT) String note) {
    }

    record RequestExtension(@NotNull OffsetDateTime dueAt, @NotBlank @Size(max = 1000) @Pattern(regexp = SafeText.TEXT) String reason) {
    }

    record DecideExtension(@NotNull Boolean approved, @Size(max = 1000) @Pattern(regexp = SafeText.TEXT) String note) {
    }
}
