package io.gridloop.ticket;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.tickets")
interface TicketConfig {

    /** How often a reporter may send a resolution back (重办) before it closes flagged for the community. */
    @WithDefault("2")
    int maxReopens();

    /** How long the reporter has to rate a resolution before it closes as NOT_RATED. */
    @WithDefault("P7D")
    Duration feedbackWindow();

    /** The most rows one CSV export may have; a larger selection is refused (422) before a row is written. */
    @WithDefault("1000000")
    int exportMaxRows();

    /**
     * How many exports one instance streams at once: each holds a worker thread and a connection while its client
     * reads, so more are refused (429, Retry-After) rather than let slow readers take the threads every request needs.
     */
    @WithDefault("4")
    int exportConcurrency();

    /** How long one export's read may run (it streams as fast as the client reads) before it is rolled back. */
    @WithDefault("PT30M")
    Duration exportTimeout();
}
