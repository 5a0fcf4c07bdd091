package io.gridloop.review;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the review API answers and takes. */
final class ReviewViews {

    private ReviewViews() {
    }

    record NewComment(@NotNull @Min(1) @Max(5) Integer score, @NotBlank @Size(max = 1000) String text) {
    }

    @Schema(name = "LeaderComment", description = "领导点评 on the handler's work on a closed ticket; final once made")
    record CommentView(long id, long ticketId, @Schema(description = "who resolved the ticket") long handlerId,
            long commenterId, int score, String text, OffsetDateTime createdAt) {
    }

    record NewPeerReview(@NotNull Long revieweeId, @NotNull @Min(1) @Max(5) Integer score,
            @NotBlank @Size(max = 1000) String text) {
    }

    @Schema(name = "PeerReview", description = "党员互评 between two party members of a community; final once made")
    record PeerReviewView(long id, long communityId, long reviewerId, long revieweeId,
            @Schema(description = "the first day of the month or quarter the review counts for") LocalDate periodStart,
            int score, String text, OffsetDateTime createdAt) {
    }

    @Schema(name = "BoardRate", description = "numerator ÷ denominator as the metrics board counts it; value null when the"
            + " denominator is 0")
    record Rate(double numerator, long denominator, @Schema(nullable = true) Double value) {
    }

    @Schema(name = "BoardEntry")
    record Entry(@Schema(nullable = true, description = "place on the board, 1 the best; null below the minimum") Integer rank,
            long id, @Schema(nullable = true) String name,
            @Schema(description = "resolutions in the period, as on GET /api/v1/metrics/rankings") long resolved,
            @Schema(description = "按期办结率, as on GET /api/v1/metrics/rankings") Rate onTimeRate,
            @Schema(description = "满意率, as on GET /api/v1/metrics/rankings") Rate satisfactionRate,
            @Schema(nullable = true, description = "from dispatch to resolution, hours") Double averageResolutionHours,
            @Schema(description = "leaders' comments made in the period on this member's work, or on this grid's tickets")
            long comments,
            @Schema(nullable = true, description = "their average score, 1..5") Double commentAverage,
            @Schema(nullable = true, description = "members only: peer reviews of the member made in the period") Long peerReviews,
            @Schema(nullable = true, description = "members only: their average score, 1..5") Double peerAverage,
            @Schema(nullable = true, description = "members only: 星级 1..5 by gridloop.reviews.stars") Integer stars) {
    }

    @Schema(name = "Board", description = "红黑榜 with the star rating: the board of GET /api/v1/metrics/rankings (its order,"
            + " ties and minimum), each entry with its review figures")
    record Board(long regionId, LocalDate from, LocalDate to, @Schema(enumeration = { "member", "grid" }) String by,
            int minimum, @Schema(description = "how many are on the board") int ranked,
            @Schema(description = "how many have fewer resolutions than the minimum") int unranked,
            @Schema(description = "the best of the board, best first (红榜)") List<Entry> top,
            @Schema(description = "the worst of the board, worst first (黑榜)") List<Entry> bottom,
            @Schema(description = "fewer resolutions than the minimum, not ranked: the first of them by resolutions (most"
                    + " first, then id), at most gridloop.metrics.below-minimum-shown (100)") List<Entry> belowMinimum) {
    }
}
