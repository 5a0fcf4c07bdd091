package io.gridloop.audit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.audit")
interface AuditConfig {

    /** Entries older than this are removed; at least six months ({@link AuditRetention#MINIMUM}), or the service refuses to start. */
    @WithDefault("P400D")
    Duration keep();

    /** How often the removal runs ({@code off} in tests, which run it themselves); read by {@code @Scheduled}. */
    @WithDefault("1h")
    String purgeEvery();
}
