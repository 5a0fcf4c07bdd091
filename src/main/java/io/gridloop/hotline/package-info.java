/**
 * Intake from other government systems (the 12345 hotline): tickets filed under the caller system's
 * own id, once. Owns no table: the ticket feature keeps the external id ({@code ticket.TicketIntake}).
 */
@OwnsTables({})
package io.gridloop.hotline;

import io.gridloop.shared.OwnsTables;
