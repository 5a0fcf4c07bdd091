/**
 * Leaders' figures (SPEC §1.10): the summary of a region and period with the three rates (三率), and the
 * ranking board (红黑榜). Read from counters per grid and day (and month) that triggers maintain in
 * the transaction of each fact (V17), as deltas that {@link io.gridloop.metrics.CounterFolding} folds in
 * (V23); overdue and supervised from counters of each ticket's first such event (V38) and the events, kept with the
 * day of their ticket's previous one (V28), that carry a ticket into a period;
 * checked against and rebuilt from {@code ticket.TicketFacts} ({@link io.gridloop.metrics.MetricsCounters}).
 */
@OwnsTables({ "metrics_zone", "metrics_counter", "metrics_filed", "metrics_counter_pending", "metrics_filed_pending",
        "metrics_supervision" })
package io.gridloop.metrics;

import io.gridloop.shared.OwnsTables;
