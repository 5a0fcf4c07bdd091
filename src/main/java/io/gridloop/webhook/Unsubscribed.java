package io.gridloop.webhook;

/**
 * A subscription was deleted; {@link OutboxRetention} observes it after the commit and drops the deliveries it had
 * not made yet.
 */
record Unsubscribed(long subscriptionId) {
}
