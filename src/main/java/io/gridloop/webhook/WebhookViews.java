package io.gridloop.webhook;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the webhook endpoints. */
final class WebhookViews {

    private WebhookViews() {
    }

    record CreateWebhook(
            @NotBlank @Size(max = 2000) @Pattern(regexp = "^https?://[^\\u0000-\\u0020\\u007F-\\u009F]+$")
            @Schema(description = "where to POST the events: http or https; a host that resolves to a loopback, private,"
                    + " link-local or multicast address is refused (422) unless allow-listed") String url,
            @NotNull @Size(min = 1, max = 5) List<@NotNull @Pattern(regexp = EventType.PATTERN) String> events,
            @Pattern(regexp = StandardWebhooks.SECRET_PATTERN)
            @Schema(description = "whsec_ and Base64 of 24 to 90 random bytes; when absent one is made, and shown once, in"
                    + " the answer to this request") String secret) {
    }

    /** A subscription as listed: never its secret. */
    record Webhook(Long id, String url, List<String> events,
            @Schema(nullable = true, description = "the integration key whose tickets it hears of; null: every ticket of the"
                    + " district (the district admin's)") Long apiKeyId,
            OffsetDateTime createdAt) {
    }

    /** The answer to a create: the only time the secret is shown. */
    record NewWebhook(Long id, String url, List<String> events, @Schema(nullable = true) Long apiKeyId,
            OffsetDateTime createdAt, @Schema(description = "signs every delivery (Standard Webhooks); shown only here")
            String secret) {
    }

    /** Redelivery takes no fields; the body may be left out or be {}. */
    record Redelivery() {
    }

    enum DeliveryStatus { PENDING, DELIVERED, DEAD }

    /** One event for one subscriber, and how its delivery went (the last attempt). */
    record Delivery(Long id, @Schema(description = "the webhook-id header") String messageId, String eventType,
            Long ticketId, Long eventId, DeliveryStatus status, int attempts, OffsetDateTime createdAt,
            @Schema(nullable = true, description = "when the next attempt is due, while PENDING") OffsetDateTime nextAttemptAt,
            @Schema(nullable = true) OffsetDateTime lastAttemptAt,
            @Schema(nullable = true, description = "the receiver's HTTP status; null when no answer came") Integer lastStatus,
            @Schema(nullable = true) Integer lastLatencyMs,
            @Schema(nullable = true, description = "the first 1 KB of the receiver's answer, or why none came")
            String lastResponse,
            @Schema(nullable = true) OffsetDateTime deliveredAt) {
    }
}
