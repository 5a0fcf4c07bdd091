/**
 * Points (积分/幸福币, SPEC §1.9): the rules per district, the append-only ledger and the balance that is
 * its sum. Awards are written in the transaction of their cause ({@code ticket.TicketClosed}); the
 * store spends and refunds through {@link io.gridloop.points.Points}.
 */
@OwnsTables({ "points_rule", "points_entry", "points_balance" })
package io.gridloop.points;

import io.gridloop.shared.OwnsTables;
