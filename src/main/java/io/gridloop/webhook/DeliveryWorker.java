package io.gridloop.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.shared.sql.Bulk;
import io.gridloop.shared.sql.Jdbc;
import io.gridloop.ticket.TicketEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends the outbox (V14's {@code webhook_delivery}), at least once, in order per subscriber and
 * ticket, on any number of instances. A pass is one transaction: it locks the head of each due stream —
 * the lowest pending delivery of a (subscriber, ticket) — with {@code FOR UPDATE SKIP LOCKED}, sends them
 * side by side while it holds them, and records each outcome before it commits. Another instance skips
 * a locked head, and what follows a head is not a head, so no two instances send one stream at a time.
 * An instance that dies mid-pass takes its locks with it (PostgreSQL ends the transaction of a closed
 * connection): its deliveries are still pending and the next pass anywhere sends them again. Failures
 * retry with exponential backoff and jitter until the retry horizon, then are dead letters, which no
 * longer hold their stream back. While a backlog lasts, several passes run side by side on one instance, as they
 * would on several. (Until V26 a pass committed a lease on each head first and recorded
 * outcomes in a third transaction: two more commits per pass and one more row version per delivery.)
 */
@ApplicationScoped
@Startup // created at start, so that settings out of range stop it
public class DeliveryWorker {

    private static final int EXCERPT = 1024;

    /**
     * The heads of streams that are due and held by no other pass, up to a batch, locked for this pass:
     * the due deliveries in the order they fell due (V14's due index), each kept only if it is the first
     * pending delivery of its stream (one look-up in the stream index per row), so a pass reads about as
     * many rows as it takes however long the outbox has grown. The head test is a scalar subquery, which
     * PostgreSQL always runs per row, and not a {@code NOT EXISTS}: that one it may join as a whole, and
     * did, with statistics taken while nearly every delivery was delivered: once a backlog built up,
     * every pass hashed all of it (41 ms for a batch of 50 out of 20,000 pending, against 1.3 ms).
     * It reads "no lower id than the stream's first pending", which for a pending delivery of the stream
     * is "is the first": the planner cannot estimate a subquery's value and guesses that an equality with it
     * keeps one row in two hundred, and then read every due delivery and sorted them (all 32,000 in a test
     * run, the outbox that the other tests left included) rather than walk the due index in order until it
     * has a batch; for an inequality it guesses one in three, and walks. A delivery whose subscription is
     * gone takes no place in the batch, but a due one is read past until the outbox's retention drops it
     * ({@link OutboxRetention#dropUnsent}). Parameters: the run's start (due by), the batch.
     */
    static final String CLAIM = """
            WITH due AS (
                SELECT d.id, d.subscription_id, d.event_id, d.event_type, d.attempts FROM webhook_delivery d
                WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?
                  AND d.id <= (SELECT e.id FROM webhook_delivery e
                              WHERE e.status = 'PENDING' AND e.subscription_id = d.subscription_id AND e.ticket_id = d.ticket_id
                              ORDER BY e.id LIMIT 1)
                  AND EXISTS (SELECT 1 FROM webhook_subscription s WHERE s.id = d.subscription_id)
                ORDER BY d.next_attempt_at, d.id
                LIMIT ?
                FOR UPDATE OF d SKIP LOCKED
            )
            SELECT due.id, due.event_id, due.event_type, due.attempts + 1 AS attempt, s.url, s.secret
            FROM due JOIN webhook_subscription s ON s.id = due.subscription_id""";

    /**
     * A pass's statements planned each time with its values, never from a plan the connection cached. The driver
     * prepares a statement on the server after five uses, and PostgreSQL may then plan it once for all values, with
     * the table as it is at that moment. Made while the outbox was empty (a bulk delete, or a quiet night), that plan
     * scans the whole outbox and again for each row's head test, and it stays until autovacuum next analyses the
     * table: under paced filing with a subscriber, 10,000 buffers and 160 ms a pass at a few hundred pending rows
     * (auto_explain), in three rounds of six the outbox fell behind and PostgreSQL's CPU per filing doubled. Planned
     * each time: none of six rounds, lag p99 1.8 s instead of 17 to 25 s (docs/benchmarks.md). It costs a round trip
     * and one planning a pass ({@code DeliveryClaimPlanTest}).
     */
    private static final String CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan";

    /**
     * A pass's outcomes, in one statement: delivered, or due again after its backoff, or dead once that
     * falls past the retry horizon; each counts the attempt made at the pass's start.
     */
    private static final String OUTCOMES = """
            UPDATE webhook_delivery d
            SET status = CASE WHEN o.delivered THEN 'DELIVERED'
                              WHEN ? + o.wait_ms * interval '1 millisecond' > d.retry_from + make_interval(secs => ?) THEN 'DEAD'
                              ELSE 'PENDING' END,
                delivered_at = CASE WHEN o.delivered THEN ? ELSE d.delivered_at END,
                next_attempt_at = CASE WHEN o.delivered THEN d.next_attempt_at ELSE ? + o.wait_ms * interval '1 millisecond' END,
                attempts = d.attempts + 1, last_attempt_at = ?,
                last_status = o.status, last_latency_ms = o.latency_ms, last_error = o.excerpt
            FROM unnest(?::bigint[], ?::boolean[], ?::bigint[], ?::integer[], ?::integer[], ?::text[])
                 AS o (id, delivered, wait_ms, status, latency_ms, excerpt)
            WHERE d.id = o.id""";

    /** A delivery a pass holds; {@code attempt} is the number of the attempt it is making. */
    record Claimed(long id, long eventId, String eventType, int attempt, String url, String secret) {
    }

    private record Outcome(Claimed delivery, Integer status, Integer latencyMs, String excerpt) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final Jdbc jdbc;
    private final TicketEvents events;
    private final UrlGuard guard;
    private final Sender sender;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebhookConfig config;
    /** The threads of the passes beside the scheduler's ({@code passes} − 1), started when a backlog calls them in. */
    private final ExecutorService sidePasses;

    DeliveryWorker(Jdbc jdbc, TicketEvents events, UrlGuard guard, Sender sender, ObjectMapper json, Clock clock,
            WebhookConfig config) {
        this.jdbc = jdbc;
        this.events = events;
        this.guard = guard;
        this.sender = sender;
        this.json = json;
        this.clock = clock;
        this.config = checked(config);
        AtomicInteger threads = new AtomicInteger();
        this.sidePasses = config.passes() < 2 ? null : Executors.newFixedThreadPool(config.passes() - 1, work -> {
            Thread thread = new Thread(work, "webhook-pass-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The settings, refused with the setting's name when out of range: no pass would take anything with a batch
     * or passes below one, and a lease not longer than a request may take ends the pass's transaction while it
     * still sends, so that another pass sends the same deliveries again.
     */
    static WebhookConfig checked(WebhookConfig config) {
        if (config.batch() < 1) {
            throw new IllegalArgumentException("gridloop.webhooks.batch must be at least 1, not " + config.batch());
        }
        if (config.passes() < 1) {
            throw new IllegalArgumentException("gridloop.webhooks.passes must be at least 1, not " + config.passes());
        }
        Duration request = config.connectTimeout().plus(config.readTimeout());
        if (config.lease().compareTo(request) <= 0) {
            throw new IllegalArgumentException("gridloop.webhooks.lease must be longer than connect-timeout + read-timeout ("
                    + request + "), not " + config.lease());
        }
        return config;
    }

    @PreDestroy
    void stop() {
        if (sidePasses != null) {
            sidePasses.shutdownNow();
        }
    }

    /** The header value webhook-id of a delivery: the same on every attempt, so receivers can drop repeats. */
    static String messageId(long deliveryId) {
        return "msg_" + deliveryId;
    }

    @Scheduled(identity = "webhook-deliveries", every = "${gridloop.webhooks.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        deliverDue();
    }

    /**
     * Passes until one finds nothing that was due when this began; returns the attempts made. A first pass that takes
     * a whole batch finds a backlog, and the other passes join in until they too find nothing (each takes what none
     * of the others holds). What falls due meanwhile waits for the next run: under steady filing the passes would
     * otherwise never find nothing, and each would take the few deliveries written since the one before it, paying
     * a transaction, a claim and an update for a handful (20 a pass on average under raw-SQL filing at 800–900 a
     * second, 40 when they wait for the next run; docs/benchmarks.md).
     */
    public int deliverDue() {
        OffsetDateTime dueBy = OffsetDateTime.now(clock);
        int first = pass(dueBy);
        if (first == 0) {
            return 0;
        }
        if (first < config.batch() || sidePasses == null) {
            return first + passesUntilIdle(dueBy);
        }
        List<CompletableFuture<Integer>> beside = new ArrayList<>();
        for (int i = 1; i < config.passes(); i++) {
            beside.add(CompletableFuture.supplyAsync(() -> passesUntilIdle(dueBy), sidePasses));
        }
        int total = first + passesUntilIdle(dueBy);
        for (CompletableFuture<Integer> other : beside) {
            total += other.join();
        }
        return total;
    }

    private int passesUntilIdle(OffsetDateTime dueBy) {
        int total = 0;
        int done;
        do {
            done = pass(dueBy);
            total += done;
        } while (done > 0);
        return total;
    }

    /**
     * Takes up to a batch of stream heads due by the given time, sends them side by side, records what happened,
     * in one transaction of at most {@code gridloop.webhooks.lease}. Returns the attempts.
     */
    int pass(OffsetDateTime dueBy) {
        return QuarkusTransaction.requiringNew().timeout((int) config.lease().toSeconds()).call(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<Claimed> claimed = jdbc.on(connection -> claim(connection, dueBy, config.batch()));
            if (!claimed.isEmpty()) {
                record(send(claimed), now);
            }
            return claimed.size();
        });
    }

    /**
     * Locks up to a batch of due stream heads until the transaction ends, on its connection, after having the
     * transaction's statements planned with their values (CUSTOM_PLANS: also the outcomes' update after it).
     */
    static List<Claimed> claim(Connection connection, OffsetDateTime dueBy, int batch) throws SQLException {
        try (Statement plans = connection.createStatement()) {
            plans.execute(CUSTOM_PLANS);
        }
        return Bulk.rows(connection, CLAIM,
                row -> new Claimed(row.getLong("id"), row.getLong("event_id"), row.getString("event_type"),
                        row.getInt("attempt"), row.getString("url"), row.getString("secret")),
                dueBy, batch);
    }

    /**
     * Sends every delivery at once and waits for them all (each ends within the read timeout). A delivery
     * that cannot even be sent fails alone: it must not roll back the pass and hold every stream in it.
     */
    private List<Outcome> send(List<Claimed> claimed) {
        Map<Long, TicketEvents.Published> published = events.byIds(claimed.stream().map(Claimed::eventId).toList());
        Map<Claimed, CompletableFuture<Outcome>> sending = new LinkedHashMap<>();
        for (Claimed delivery : claimed) {
            CompletableFuture<Outcome> outcome;
            try {
                outcome = attempt(delivery, published.get(delivery.eventId()));
            } catch (JsonProcessingException | RuntimeException e) {
                outcome = CompletableFuture.completedFuture(new Outcome(delivery, null, null, "failed: " + e.getClass().getSimpleName()));
            }
            sending.put(delivery, outcome);
        }
        return sending.values().stream().map(CompletableFuture::join).toList();
    }

    /** One POST, signed; the URL's host is checked again first, since what it resolves to may have changed. */
    private CompletableFuture<Outcome> attempt(Claimed delivery, TicketEvents.Published event) throws JsonProcessingException {
        if (event == null) {
            return CompletableFuture.completedFuture(new Outcome(delivery, null, null, "the timeline event is gone"));
        }
        UrlGuard.Target target;
        try {
            target = guard.target(URI.create(delivery.url()));
        } catch (UrlGuard.Refused e) {
            return CompletableFuture.completedFuture(new Outcome(delivery, null, null, "refused: " + e.getMessage()));
        }
        String body = json.writeValueAsString(payload(delivery.eventType(), event));
        String id = messageId(delivery.id());
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of("content-type", "application/json", "webhook-id", id,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", StandardWebhooks.signature(delivery.secret(), id, timestamp, body));
        // read a few bytes past the KB: record cuts it to whole characters
        return sender.post(target, headers, body, EXCERPT + 4).toCompletionStage().toCompletableFuture()
                .thenApply(answer -> new Outcome(delivery, answer.status(), answer.latencyMs(), answer.text()));
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

    private void record(List<Outcome> outcomes, OffsetDateTime attempted) {
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
            waits[i] = outcome.delivered() ? 0 : backoff(outcome.delivery().attempt()).toMillis();
            statuses[i] = outcome.status();
            latencies[i] = outcome.latencyMs();
            excerpts[i] = outcome.excerpt() == null ? null : excerpt(outcome.excerpt());
        }
        jdbc.update(OUTCOMES, now, config.retryHorizon().toSeconds(), now, now, attempted, ids, delivered, waits,
                statuses, latencies, excerpts);
    }

    /** The n-th failure waits first × 2^(n−1), at most the maximum, less a random part of up to half (jitter). */
    Duration backoff(int attempts) {
        long first = config.firstBackoff().toMillis();
        long capped = Math.min(config.maxBackoff().toMillis(), first << Math.min(Math.max(attempts - 1, 0), 30));
        return Duration.ofMillis(capped - ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /**
     * The first KB of the text's UTF-8 at most, cut before a character that does not fit whole. An answer is
     * read a few bytes past the KB, so a character its read split (a U+FFFD) lies past the cut too.
     */
    static String excerpt(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int end = Math.min(utf8.length, EXCERPT);
        if (end < utf8.length) {
            while (end > 0 && (utf8[end] & 0xC0) == 0x80) {   // utf8[end] continues a character begun before the cut
                end--;
            }
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }
}
