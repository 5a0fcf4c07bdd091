package io.gridloop.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.webhooks")
interface WebhookConfig {

    /** How often the delivery worker looks for due deliveries ({@code off} in tests, which run it themselves); read by {@code @Scheduled}. */
    @WithDefault("1s")
    String every();

    /** How long after the first failed attempt a delivery is retried before it becomes a dead letter. */
    @WithDefault("PT24H")
    Duration retryHorizon();

    /** The wait after the first failure; each further failure doubles it (with jitter), up to {@link #maxBackoff()}. */
    @WithDefault("PT10S")
    Duration firstBackoff();

    @WithDefault("PT1H")
    Duration maxBackoff();

    /**
     * The longest a pass of the delivery worker may hold the deliveries it is sending (its transaction's
     * timeout; rolled back past it, and another pass sends them again). Longer than the timeouts.
     */
    @WithDefault("PT1M")
    Duration lease();

    @WithDefault("PT5S")
    Duration connectTimeout();

    /** The whole request, from sending to the response's headers and body. */
    @WithDefault("PT10S")
    Duration readTimeout();

    /** Deliveries (each the head of its own subscriber-and-ticket stream) one pass of the worker takes at once. */
    @WithDefault("50")
    int batch();

    /**
     * Passes one instance runs side by side while a backlog lasts (a pass that takes a whole batch calls in the
     * others). A pass waits for its slowest answer, and one at a time fell behind filing on a busy machine.
     */
    @WithDefault("4")
    int passes();

    /** A delivered delivery is kept this long for the delivery log, then removed. */
    @WithDefault("P7D")
    Duration keepDelivered();

    /** A dead letter is kept this long for the administrator to redeliver, then removed. */
    @WithDefault("P30D")
    Duration keepDead();

    /** How often the outbox's retention runs ({@code off} in tests, which run it themselves); read by {@code @Scheduled}. */
    @WithDefault("1h")
    String purgeEvery();

    /**
     * Hosts (exact names) and address ranges (CIDR, IPv4 or IPv6) webhooks may reach although they are
     * loopback, private, link-local or multicast; empty: none. Tests allow 127.0.0.1.
     */
    Optional<List<String>> allowList();
}
