package io.gridloop.ticket;

import io.gridloop.shared.sql.Where;

/**
 * What a ticket's closing pays its handler (SPEC §1.9), answered by the points feature, so that the award goes with
 * the rating's own change without the tickets depending on points: it is written in the rating's statement, and only
 * if that statement changed the ticket ({@link TicketLedger#saved}).
 */
public interface ClosingAward {

    /**
     * The award for this closing, as named data-modifying {@code WITH} queries ({@code name AS (...)}, several joined by
     * commas, each name the writer's own) that write nothing unless the relation {@code changed} holds a row; null when
     * the closing pays nothing.
     */
    Where.Jdbc paid(TicketClosed closing, String changed);
}
