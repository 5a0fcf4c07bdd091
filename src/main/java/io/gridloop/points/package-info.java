/**
 * Points (积分/幸福币, SPEC §1.9): the rules per district, the append-only ledger and the balance that is
 * its sum. Awards are written with their cause: a closing's in the rating's own statement
 * ({@code ticket.ClosingAward}), the others in their cause's transaction; the store spends and refunds through
 * {@link io.gridloop.points.Points}.
 */
@OwnsTables({ "points_rule", "points_entry", "points_balance" })
package io.gridloop.points;

import io.gridloop.shared.OwnsTables;
