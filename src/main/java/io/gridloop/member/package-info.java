/**
 * Party members in the community (SPEC §1.2, §1.9): 双报到 (a member registers with the community where
 * they live, the community admin confirms), posts and commitments (设岗定职, 亮承诺), volunteer hours
 * (approved by the admin, paid in points), and the member's card and ledger (一卡一账), whose figures
 * are read from the ticket timeline ({@code ticket.TicketFacts}), never kept a second time, and whose photo
 * is one of the member's uploads kept by {@code media.Portraits}.
 */
@OwnsTables({ "member_registration", "volunteer_hours" })
package io.gridloop.member;

import io.gridloop.shared.OwnsTables;
