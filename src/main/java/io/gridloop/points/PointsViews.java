package io.gridloop.points;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the points API answers and takes. */
final class PointsViews {

    private PointsViews() {
    }

    record PointsBalance(long accountId, long balance) {
    }

    /** One line of the ledger: positive earned, negative spent. */
    record LedgerEntry(long id, int amount, PointsCause cause, @Schema(nullable = true) Long ticketId,
            @Schema(nullable = true) Long redemptionId,
            @Schema(nullable = true, description = "the approved volunteer-hours report (VOLUNTEER_HOURS)") Long volunteerHoursId,
            @Schema(nullable = true, description = "the leader's comment (LEADER_COMMENT)") Long commentId, OffsetDateTime createdAt) {
    }

    /** The district's rules: points per cause. */
    record PointsRulesChange(@NotNull @Min(0) @Max(10000) Integer ticketSatisfied, @NotNull @Min(0) @Max(10000) Integer ticketBasicallySatisfied,
            @NotNull @Min(0) @Max(10000) Integer wishConfirmed,
            @Schema(nullable = true, description = "points per approved volunteer hour; absent: the configured default")
            @Min(0) @Max(10000) Integer volunteerHour,
            @Schema(nullable = true, description = "points for a leader's comment scoring 5; absent: the configured default")
            @Min(0) @Max(10000) Integer leaderCommentPraise,
            @Schema(nullable = true, description = "points taken for a leader's comment scoring 1 or 2 (never more than the"
                    + " balance); absent: the configured default") @Min(0) @Max(10000) Integer leaderCommentPenalty) {
    }

    record PointsRulesView(int ticketSatisfied, int ticketBasicallySatisfied, int wishConfirmed,
            @Schema(description = "points per approved volunteer hour") int volunteerHour, int leaderCommentPraise,
            int leaderCommentPenalty,
            @Schema(description = "0 while the district uses the configured defaults") long version) {
    }
}
