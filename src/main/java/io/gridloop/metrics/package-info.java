/**
 * Leaders' figures (SPEC §1.10): the summary of a region and period with the three rates (三率), and the
 * ranking board (红黑榜). Read from the tickets and their timeline through {@code ticket.TicketFacts};
 * owns no tables.
 */
@OwnsTables({})
package io.gridloop.metrics;

import io.gridloop.shared.OwnsTables;
