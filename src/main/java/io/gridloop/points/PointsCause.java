package io.gridloop.points;

/**
 * Why points moved; with the id of the cause (a ticket, a redemption, a volunteer-hours report, a leader's
 * comment) each happens once.
 */
public enum PointsCause {
    TICKET_CLOSED, WISH_CONFIRMED, REDEMPTION, REDEMPTION_CANCELLED, VOLUNTEER_HOURS, LEADER_COMMENT;

    boolean byTicket() {
        return this == TICKET_CLOSED || this == WISH_CONFIRMED;
    }

    boolean byRedemption() {
        return this == REDEMPTION || this == REDEMPTION_CANCELLED;
    }
}
