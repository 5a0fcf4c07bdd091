/** The ticket loop: filing, the state machine, the timeline, deadlines, supervision and extensions. */
@OwnsTables({ "ticket", "ticket_event", "ticket_extension", "ticket_reminder", "ticket_search" })
package io.gridloop.ticket;

import io.gridloop.shared.OwnsTables;
