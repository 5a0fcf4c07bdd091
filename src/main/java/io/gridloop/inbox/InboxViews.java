package io.gridloop.inbox;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The inbox as the mini-program sees it, and the body of read-all. */
final class InboxViews {

    private InboxViews() {
    }

    record NotificationView(Long id, NotificationKind kind,
            @Schema(nullable = true) Long ticketId,
            @Schema(nullable = true, examples = "GL-2026-000123") String ticketNumber,
            String text, OffsetDateTime createdAt, boolean read) {
    }

    /** A page of the inbox; the shared Page has no room for the unread count the badge needs. */
    record InboxPage(List<NotificationView> items,
            @Schema(description = "pass as ?cursor= for the next page; absent on the last page", nullable = true) String nextCursor,
            @Schema(description = "all of the caller's unread notifications, whatever the filter and page") long unreadCount) {
    }

    record ReadAll(@Schema(description = "mark only notifications up to this id (the newest one the client has shown)",
            nullable = true) Long upToId) {
    }

    record Marked(@Schema(description = "how many notifications were unread and are now read") int marked) {
    }
}
