package io.gridloop.shared.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.idempotency")
interface IdempotencyConfig {

    /** How long a completed request is replayed for its key. */
    @WithDefault("PT48H")
    Duration retention();

    /** How long a running request holds its key before a retry may take it over (its instance died). */
    @WithDefault("PT60S")
    Duration lease();
}
