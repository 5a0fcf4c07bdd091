package io.gridloop.webhook;

import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.sql.Jdbc;
import io.gridloop.webhook.WebhookViews.CreateWebhook;
import io.gridloop.webhook.WebhookViews.Delivery;
import io.gridloop.webhook.WebhookViews.DeliveryStatus;
import io.gridloop.webhook.WebhookViews.NewWebhook;
import io.gridloop.webhook.WebhookViews.Webhook;

/**
 * Subscriptions and their delivery logs. A district admin's subscriptions hear of every ticket of the
 * district and the admin sees all of the district's; an integration key's hear of the tickets it
 * filed, and the key sees only its own. Anything else is not found (404).
 */
@ApplicationScoped
class Webhooks {

    private static final String DELIVERY_COLUMNS = """
            d.id, d.event_type, d.ticket_id, d.event_id, d.status, d.attempts, d.created_at, d.next_attempt_at,
            d.last_attempt_at, d.last_status, d.last_latency_ms, d.last_error, d.delivered_at""";

    private final Caller caller;
    private final Jdbc jdbc;
    private final UrlGuard guard;
    private final Clock clock;
    private final Event<Unsubscribed> unsubscribed;

    Webhooks(Caller caller, Jdbc jdbc, UrlGuard guard, Clock clock, Event<Unsubscribed> unsubscribed) {
        this.caller = caller;
        this.jdbc = jdbc;
        this.guard = guard;
        this.clock = clock;
        this.unsubscribed = unsubscribed;
    }

    @Transactional
    NewWebhook create(CreateWebhook request) {
        try {
            guard.check(URI.create(request.url()));
        } catch (UrlGuard.Refused | IllegalArgumentException e) {
            throw ProblemException.unprocessable(List.of(new Problem.Violation("url", "webhook.url-refused")),
                    "webhook.url-refused", request.url());
        }
        if (request.secret() != null && !StandardWebhooks.decodes(request.secret())) {
            throw ProblemException.invalidField("secret", "webhook.secret-invalid");
        }
        String secret = request.secret() != null ? request.secret() : StandardWebhooks.newSecret();
        String[] events = request.events().stream().distinct().toArray(String[]::new);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Long accountId = caller.isApiKey() ? null : caller.accountId();
        long id = jdbc.rows("""
                INSERT INTO webhook_subscription (district_id, api_key_id, url, events, secret, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""", row -> row.getLong(1), caller.districtId(), caller.apiKeyId(),
                request.url(), events, secret, accountId, now).get(0);
        return new NewWebhook(id, request.url(), List.of(events), caller.apiKeyId(), now, secret);
    }

    Page<Webhook> list(int limit, String cursor) {
        List<Webhook> rows = jdbc.rows("""
                SELECT id, url, events, api_key_id, created_at FROM webhook_subscription
                WHERE district_id = ? AND (?::bigint IS NULL OR api_key_id = ?) AND id > ? ORDER BY id LIMIT ?""",
                Webhooks::webhook, caller.districtId(), caller.apiKeyId(), caller.apiKeyId(), Cursors.after(cursor), limit + 1);
        return Page.of(rows, limit, Webhook::id, w -> w);
    }

    /**
     * Removes the subscription, not its deliveries: a pass takes only deliveries whose subscription exists, the
     * outbox's retention drops the ones not made yet right after the commit ({@link Unsubscribed}) and the log at
     * its next purge, in batches. Deleting a log of days in the request held it for as long and left the outbox's
     * pages emptied at once for the next inserts to fill.
     */
    @Transactional
    void delete(long id) {
        visible(id);
        jdbc.update("DELETE FROM webhook_subscription WHERE id = ?", id);
        unsubscribed.fire(new Unsubscribed(id));
    }

    Page<Delivery> deliveries(long id, DeliveryStatus status, int limit, String cursor) {
        visible(id);
        List<Delivery> rows = jdbc.rows(deliveriesQuery(status), Webhooks::delivery, id, Cursors.before(cursor),
                limit + 1);
        return Page.of(rows, limit, Delivery::id, d -> d);
    }

    /**
     * A page of a subscription's deliveries, newest first, each status through the index made for it: all and the
     * delivered (nearly every row) walk the delivery log's; the pending are read whole from the stream index and
     * sorted (walking the log for a few pending rows, or none, read all of it: 160 ms at 165,000 deliveries, each
     * time a client polled an outbox that had drained); the dead walk V37's. Parameters: subscription, before, limit.
     */
    static String deliveriesQuery(DeliveryStatus status) {
        String select = "SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery d WHERE d.subscription_id = ? AND d.id < ?";
        if (status == null) {
            return select + " ORDER BY d.id DESC LIMIT ?";
        }
        String ofStatus = select + " AND d.status = '" + status.name() + "'";
        return status == DeliveryStatus.PENDING
                ? "WITH pending AS MATERIALIZED (" + ofStatus + ") SELECT * FROM pending d ORDER BY d.id DESC LIMIT ?"
                : ofStatus + " ORDER BY d.id DESC LIMIT ?";
    }

    /**
     * Sends the delivery again as soon as the worker comes by, with a fresh retry horizon: a dead
     * letter, or a delivered event the receiver lost. It goes behind nothing: a dead letter no longer
     * holds its ticket's later events back, so a redelivered one may arrive after them.
     */
    @Transactional
    Delivery redeliver(long id, long deliveryId) {
        visible(id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Delivery> rows = jdbc.rows("""
                UPDATE webhook_delivery d SET status = 'PENDING', retry_from = ?, next_attempt_at = ?, delivered_at = NULL
                WHERE d.id = ? AND d.subscription_id = ? RETURNING""" + " " + DELIVERY_COLUMNS, Webhooks::delivery, now, now,
                deliveryId, id);
        return rows.stream().findFirst().orElseThrow(ProblemException::notFound);
    }

    /** The subscription, if the caller may see it: the district admin any of the district, a key its own. */
    private void visible(long id) {
        List<Long> found = jdbc.rows("""
                SELECT id FROM webhook_subscription WHERE id = ? AND district_id = ? AND (?::bigint IS NULL OR api_key_id = ?)""",
                row -> row.getLong(1), id, caller.districtId(), caller.apiKeyId(), caller.apiKeyId());
        if (found.isEmpty()) {
            throw ProblemException.notFound();
        }
    }

    private static Webhook webhook(ResultSet row) throws SQLException {
        Array events = row.getArray("events");
        return new Webhook(row.getLong("id"), row.getString("url"), Arrays.asList((String[]) events.getArray()),
                (Long) row.getObject("api_key_id"), row.getObject("created_at", OffsetDateTime.class));
    }

    private static Delivery delivery(ResultSet row) throws SQLException {
        long id = row.getLong("id");
        DeliveryStatus status = DeliveryStatus.valueOf(row.getString("status"));
        return new Delivery(id, DeliveryWorker.messageId(id), row.getString("event_type"), row.getLong("ticket_id"),
                row.getLong("event_id"), status, row.getInt("attempts"), row.getObject("created_at", OffsetDateTime.class),
                status == DeliveryStatus.PENDING ? row.getObject("next_attempt_at", OffsetDateTime.class) : null,
                row.getObject("last_attempt_at", OffsetDateTime.class), (Integer) row.getObject("last_status"),
                (Integer) row.getObject("last_latency_ms"), row.getString("last_error"),
                row.getObject("delivered_at", OffsetDateTime.class));
    }
}
