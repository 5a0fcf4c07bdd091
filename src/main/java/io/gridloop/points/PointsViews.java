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
            @Schema(nullable = true) Long redemptionId, OffsetDateTime createdAt,
            @Schema(nullable = true, description = "the approved volunteer-hours report (VOLUNTEER_HOURS)") Long volunteerHoursId) {
    }

    /** The district's rules: points per cause. */
    record PointsRulesChange(@NotNull @Min(0) @Max(10000) Integer ticketSatisfied, @NotNull @Min(0) @Max(10000) Integer ticketBasicallySatisfied,
            @NotNull @Min(0) @Max(10000) Integer wishConfirmed, @NotNull @Min(0) @Max(10000) Integer volunteerHour) {
    }

    record PointsRulesView(int ticketSatisfied, int ticketBasicallySatisfied, int wishConfirmed,
            @Schema(description = "0 while the district uses the configured defaults") long version,
            @Schema(description = "points per approved volunteer hour") int volunteerHour) {
    }
}
