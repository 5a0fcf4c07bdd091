package io.gridloop.ticket;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.deadlines")
interface DeadlineConfig {

    /** How long before a deadline its reminder (催办) goes out. */
    @WithDefault("PT4H")
    Duration reminderLead();

    /** How often the deadline jobs run ({@code off} in tests, which run them at the times they set); read by {@code @Scheduled}. */
    @WithDefault("60s")
    String every();

    /** How long after start the deadline jobs first run; read by {@code @Scheduled}. */
    @WithDefault("30s")
    String delay();
}
