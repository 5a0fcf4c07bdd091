package io.gridloop.ticket;

/** Where a ticket stands in the loop (SPEC §1.6). */
public enum TicketStatus {
    SUBMITTED,
    TRIAGED,
    DISPATCHED,
    CLAIMED,
    IN_PROGRESS,
    RESOLVED,
    CLOSED,
    CANCELLED,
    REJECTED;

    public boolean terminal() {
        return this == CLOSED || this == CANCELLED || this == REJECTED;
    }
}
