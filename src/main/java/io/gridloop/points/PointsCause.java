package io.gridloop.points;

/** Why points moved; with the id of the cause (a ticket or a redemption) each happens once. */
public enum PointsCause {
    TICKET_CLOSED, WISH_CONFIRMED, REDEMPTION, REDEMPTION_CANCELLED;

    boolean byTicket() {
        return this == TICKET_CLOSED || this == WISH_CONFIRMED;
    }
}
