package io.gridloop.member;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.media.Portrait;
import io.gridloop.review.MemberReviews;
import io.gridloop.ticket.TicketStatus;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Rating;
import io.gridloop.ticket.TicketTerms.Solved;

/** What the member API answers and takes. */
final class MemberViews {

    private MemberViews() {
    }

    enum RegistrationStatus {
        PENDING, CONFIRMED, DECLINED
    }

    enum HoursStatus {
        PENDING, APPROVED, REJECTED
    }

    record NewRegistration(@NotNull Long communityId,
            @Schema(description = "the party organisation of the member's working unit (所在单位党组织)")
            @NotBlank @Size(max = 100) String partyOrganisation) {
    }

    record RegistrationView(long id, long accountId, String name, long communityId, String partyOrganisation,
            RegistrationStatus status, @Schema(nullable = true) String note, OffsetDateTime createdAt,
            @Schema(nullable = true) OffsetDateTime decidedAt) {
    }

    record RegistrationDecision(@NotNull Boolean confirmed, @Size(max = 500) String note) {
    }

    /** A post (岗位) the community gives a member, e.g. 矛盾调解 or 助老服务 (设岗定职). */
    record Post(@NotBlank @Size(max = 50) String title, @Schema(nullable = true) @Size(max = 200) String duty) {
    }

    record PostsChange(@NotNull @Size(max = 10) List<@Valid @NotNull Post> posts) {
    }

    record CommitmentsChange(@NotNull @Size(max = 10) List<@NotBlank @Size(max = 200) String> commitments) {
    }

    record PostsView(long accountId, List<Post> posts, long version) {
    }

    record PhotoChange(@Schema(description = "one of the member's own uploads (POST /api/v1/media): an image not attached"
            + " to a ticket") @NotNull Long mediaId) {
    }

    record PhotoView(long accountId, @Schema(nullable = true) Portrait photo, long version) {
    }

    record CommitmentsView(long accountId, List<String> commitments, long version) {
    }

    record NewHours(@NotBlank @Size(max = 200) String activity, @NotNull LocalDate day,
            @Schema(description = "in half hours: 0.5 to 24") @NotNull @DecimalMin("0.5") @DecimalMax("24") @Digits(integer = 2,
                    fraction = 1) BigDecimal hours) {
    }

    record HoursView(long id, long accountId, long communityId, String activity, LocalDate day, BigDecimal hours,
            HoursStatus status, @Schema(nullable = true, description = "the points the approval paid") Integer points,
            @Schema(nullable = true) String note, OffsetDateTime createdAt, @Schema(nullable = true) OffsetDateTime decidedAt) {
    }

    record HoursDecision(@NotNull Boolean approved, @Size(max = 500) String note) {
    }

    /** What a member did, counted from the ticket timeline (SPEC §1.9 一卡), the hours and the points. */
    record ServiceFigures(
            @Schema(description = "tickets (kind ISSUE) the member claimed") long ticketsClaimed,
            @Schema(description = "resolutions the member made of tickets") long ticketsResolved,
            @Schema(description = "of those, the ones that had a deadline") long resolvedWithDeadline,
            @Schema(description = "of those, the ones made no later than the deadline in force (按期, as the metrics count it)")
            long resolvedOnTime,
            @Schema(description = "reporters' ratings of the member's resolutions (not auto-close)") long rated,
            long satisfied, long basicallySatisfied, long dissatisfied,
            @Schema(description = "wishes the member claimed") long wishesClaimed,
            @Schema(description = "wishes the member fulfilled (resolved)") long wishesFulfilled,
            @Schema(description = "approved volunteer hours") BigDecimal volunteerHours,
            @Schema(description = "the member's points balance (幸福币)") long points) {
    }

    /** The card (一卡): who the member is, what they promise, what they did and how leaders and peers judged it. */
    record MemberCard(long accountId, String name,
            @Schema(nullable = true, description = "the member's own card: the phone; community and district staff: masked"
                    + " (138****5678); anyone else of the community: absent") String phone,
            @Schema(nullable = true, description = "the member's photo, seen by whoever sees the card") Portrait photo,
            long photoVersion,
            String partyOrganisation, long communityId, String communityName, OffsetDateTime registeredAt,
            List<Post> posts, long postsVersion, List<String> commitments, long commitmentsVersion, ServiceFigures service,
            @Schema(description = "leaders' comments on the member's work and peer reviews of them (SPEC §1.8), all time")
            MemberReviews.Summary reviews) {
    }

    /** One ticket or wish the member claimed, and how it ended (一账). */
    record MemberLedgerEntry(@Schema(description = "the claim's timeline event") long eventId, long ticketId, String number, Kind kind,
            @Schema(nullable = true) String categoryCode, TicketStatus status, OffsetDateTime claimedAt,
            @Schema(nullable = true, description = "the member's resolution after this claim") OffsetDateTime resolvedAt,
            @Schema(nullable = true, description = "resolved no later than the deadline in force; null when unresolved or"
                    + " without a deadline") Boolean onTime,
            @Schema(nullable = true, description = "the reporter's rating of that resolution") Rating rating,
            @Schema(nullable = true) Solved solved) {
    }
}
