package io.gridloop.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.shared.sql.Bulk;
import io.gridloop.ticket.TicketEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends the outbox (V14's {@code webhook_delivery}), at least once, in order per subscriber and
 * ticket, on any number of instances. A pass leases the head of each due stream — the lowest pending
 * delivery of a (subscriber, ticket) — with {@code FOR UPDATE SKIP LOCKED} and commits the lease, so
 * no other instance takes that stream until the head is delivered, rescheduled or its lease runs out
 * (the instance died). It then sends outside any transaction and records each outcome only if it still
 * holds the lease (its token), so an instance that comes back late cannot undo another's work.
 * Failures retry with exponential backoff and jitter until the retry horizon, then are dead letters,
 * which no longer hold their stream back.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int EXCERPT = 1024;

    /**
     * The heads of streams that are due and held by no one, up to a batch, leased to this pass: the due
     * deliveries in the order they fell due (V14's due index), each kept only if no earlier delivery of
     * its stream is pending (the stream index), so a pass reads about as many rows as it leases however
     * long the outbox has grown.
     */
    static final String CLAIM = """
            WITH due AS (
                SELECT d.id FROM webhook_delivery d
                WHERE d.status = 'PENDING' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until <= ?)
                  AND NOT EXISTS (SELECT 1 FROM webhook_delivery e
                                  WHERE e.status = 'PENDING' AND e.subscription_id = d.subscription_id
                                    AND e.ticket_id = d.ticket_id AND e.id < d.id)
                ORDER BY d.next_attempt_at, d.id
                LIMIT ?
                FOR UPDATE OF d SKIP LOCKED
            )
            UPDATE webhook_delivery d SET lease_until = ?, lease_token = ?, attempts = d.attempts + 1, last_attempt_at = ?
            FROM due, webhook_subscription s
            WHERE d.id = due.id AND s.id = d.subscription_id
            RETURNING d.id, d.event_id, d.event_type, d.attempts, s.url, s.secret""";

    /**
     * A pass's outcomes, in one statement, for the deliveries it still holds: delivered, or due again
     * after its backoff, or dead once that falls past the retry horizon.
     */
    private static final String OUTCOMES = """
            UPDATE webhook_delivery d
            SET status = CASE WHEN o.delivered THEN 'DELIVERED'
                              WHEN ? + o.wait_ms * interval '1 millisecond' > d.retry_from + make_interval(secs => ?) THEN 'DEAD'
                              ELSE 'PENDING' END,
                delivered_at = CASE WHEN o.delivered THEN ? ELSE d.delivered_at END,
                next_attempt_at = CASE WHEN o.delivered THEN d.next_attempt_at ELSE ? + o.wait_ms * interval '1 millisecond' END,
                lease_until = NULL, lease_token = NULL, last_status = o.status, last_latency_ms = o.latency_ms, last_error = o.excerpt
            FROM unnest(?::bigint[], ?::boolean[], ?::bigint[], ?::integer[], ?::integer[], ?::text[])
                 AS o (id, delivered, wait_ms, status, latency_ms, excerpt)
            WHERE d.id = o.id AND d.lease_token = ?""";

    record Claimed(long id, long eventId, String eventType, int attempts, String url, String secret) {
    }

    private record Outcome(Claimed delivery, Integer status, Integer latencyMs, String excerpt) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final EntityManager entityManager;
    private final TicketEvents events;
    private final UrlGuard guard;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebhookConfig config;
    private final HttpClient http;
    private final ExecutorService senders;

    DeliveryWorker(EntityManager entityManager, TicketEvents events, UrlGuard guard, ObjectMapper json, Clock clock,
            WebhookConfig config) {
        this.entityManager = entityManager;
        this.events = events;
        this.guard = guard;
        this.json = json;
        this.clock = clock;
        this.config = config;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(config.connectTimeout())
                .build();
        this.senders = Executors.newFixedThreadPool(Math.max(1, Math.min(config.batch(), 32)), runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    /** The header value webhook-id of a delivery: the same on every attempt, so receivers can drop repeats. */
    static String messageId(long deliveryId) {
        return "msg_" + deliveryId;
    }

    @Scheduled(identity = "webhook-deliveries", every = "${gridloop.webhooks.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        deliverDue();
    }

    /** Passes until one finds nothing due; returns the attempts made. */
    public int deliverDue() {
        int total = 0;
        int done;
        do {
            done = pass();
            total += done;
        } while (done > 0);
        return total;
    }

    /** Leases up to a batch of stream heads, sends them side by side, records what happened. Returns the attempts. */
    int pass() {
        UUID token = UUID.randomUUID();
        List<Claimed> claimed = lease(token);
        if (!claimed.isEmpty()) {
            send(claimed, token);
        }
        return claimed.size();
    }

    /** Takes the due stream heads for this pass, in a transaction of its own: from its commit on, they are this pass's. */
    List<Claimed> lease(UUID token) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return QuarkusTransaction.requiringNew().call(() -> Bulk.rows(entityManager, CLAIM,
                row -> new Claimed(row.getLong("id"), row.getLong("event_id"), row.getString("event_type"), row.getInt("attempts"),
                        row.getString("url"), row.getString("secret")),
                now, now, config.batch(), now.plus(config.lease()), token, now));
    }

    private void send(List<Claimed> claimed, UUID token) {
        Map<Long, TicketEvents.Published> published = QuarkusTransaction.requiringNew()
                .call(() -> events.byIds(claimed.stream().map(Claimed::eventId).toList()));
        Map<Claimed, Future<Outcome>> sending = new LinkedHashMap<>();
        for (Claimed delivery : claimed) {
            sending.put(delivery, senders.submit(() -> attempt(delivery, published.get(delivery.eventId()))));
        }
        List<Outcome> outcomes = sending.entrySet().stream().map(entry -> {
            try {
                return entry.getValue().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(entry.getKey(), null, null, "interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warnf(e.getCause(), "webhook delivery %d failed", entry.getKey().id());
                return new Outcome(entry.getKey(), null, null, "failed: " + e.getCause().getClass().getSimpleName());
            }
        }).toList();
        QuarkusTransaction.requiringNew().run(() -> record(outcomes, token));
    }

    /** One POST, signed; the URL's host is checked again first, since what it resolves to may have changed. */
    private Outcome attempt(Claimed delivery, TicketEvents.Published event) throws JsonProcessingException {
        if (event == null) {
            return new Outcome(delivery, null, null, "the timeline event is gone");
        }
        URI url;
        try {
            url = guard.check(URI.create(delivery.url()));
        } catch (UrlGuard.Refused e) {
            return new Outcome(delivery, null, null, "refused: " + e.getMessage());
        }
        String body = json.writeValueAsString(payload(delivery.eventType(), event));
        String id = messageId(delivery.id());
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(config.readTimeout())
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", StandardWebhooks.signature(delivery.secret(), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String excerpt;
            try (InputStream in = response.body()) {
                excerpt = new String(in.readNBytes(EXCERPT), StandardCharsets.UTF_8);
            }
            return new Outcome(delivery, response.statusCode(), elapsedMs(start), excerpt);
        } catch (IOException e) {
            return new Outcome(delivery, null, elapsedMs(start), e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(delivery, null, elapsedMs(start), "interrupted");
        }
    }

    /** The Standard Webhooks payload: type, timestamp, and the timeline event as data. */
    private static Map<String, Object> payload(String type, TicketEvents.Published event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", event.ticketId());
        data.put("number", event.number());
        data.put("action", event.action());
        data.put("from", event.from());
        data.put("to", event.to());
        data.put("details", event.details());
        data.put("occurredAt", event.occurredAt());
        data.put("eventId", event.eventId());
        if (event.externalId() != null) {
            data.put("external", Map.of("source", event.externalSource(), "externalId", event.externalId()));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("timestamp", event.occurredAt());
        payload.put("data", data);
        return payload;
    }

    private void record(List<Outcome> outcomes, UUID token) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int n = outcomes.size();
        Long[] ids = new Long[n];
        Boolean[] delivered = new Boolean[n];
        Long[] waits = new Long[n];
        Integer[] statuses = new Integer[n];
        Integer[] latencies = new Integer[n];
        String[] excerpts = new String[n];
        for (int i = 0; i < n; i++) {
            Outcome outcome = outcomes.get(i);
            ids[i] = outcome.delivery().id();
            delivered[i] = outcome.delivered();
            waits[i] = outcome.delivered() ? 0 : backoff(outcome.delivery().attempts()).toMillis();
            statuses[i] = outcome.status();
            latencies[i] = outcome.latencyMs();
            excerpts[i] = outcome.excerpt() == null ? null : cut(outcome.excerpt());
        }
        Bulk.update(entityManager, OUTCOMES, now, config.retryHorizon().toSeconds(), now, now, ids, delivered, waits, statuses,
                latencies, excerpts, token);
    }

    /** The n-th failure waits first × 2^(n−1), at most the maximum, less a random part of up to half (jitter). */
    Duration backoff(int attempts) {
        long first = config.firstBackoff().toMillis();
        long capped = Math.min(config.maxBackoff().toMillis(), first << Math.min(Math.max(attempts - 1, 0), 30));
        return Duration.ofMillis(capped - ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static String cut(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= EXCERPT) {
            return text;
        }
        String cut = new String(bytes, 0, EXCERPT, StandardCharsets.UTF_8);
        return cut.substring(0, Math.min(cut.length(), 1000));
    }

    private static int elapsedMs(long start) {
        return (int) ((System.nanoTime() - start) / 1_000_000);
    }
}
