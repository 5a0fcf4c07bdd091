package io.gridloop.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.inbox")
interface InboxConfig {

    /** A notification read longer ago than this is removed. */
    @WithDefault("P90D")
    Duration keepRead();

    /** Any notification older than this is removed. */
    @WithDefault("P365D")
    Duration keep();

    /** How often the removal runs ({@code off} in tests, which run it themselves); read by {@code @Scheduled}. */
    @WithDefault("1h")
    String purgeEvery();
}
