/**
 * Outbound webhooks: subscriptions, the outbox of deliveries (filled by a trigger on the timeline,
 * V14) and the delivery worker.
 */
@OwnsTables({ "webhook_subscription", "webhook_delivery" })
package io.gridloop.webhook;

import io.gridloop.shared.OwnsTables;
