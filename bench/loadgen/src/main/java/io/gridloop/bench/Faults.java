package io.gridloop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Filing under faults, for bench/faults.sh: workers file tickets, each with its own Idempotency-Key,
 * until the script creates the stop file (or the duration runs out),
 * and retry a filing with the same key and body until it is acknowledged with 201, whatever
 * happens meanwhile (the script kills the service with SIGKILL and restarts it, and stops
 * PostgreSQL in immediate mode and restarts it). Then it checks, against the database, that every
 * acknowledged filing is stored exactly once under the id it was acknowledged with, that nothing
 * unacknowledged is stored twice, and that sending every acknowledged filing again answers the
 * first response (the same ticket). Prints how each attempt ended and the longest any request took.
 */
final class Faults {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The description of every filing starts so; the key follows. */
    private static final String MARK = "faults ";

    private final Api api;
    private final String port;
    private final int workers;
    private final long durationNanos;
    private final Path stopFile;
    private final Duration timeout;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A filing the service acknowledged: who filed it, and the id its 201 named. */
    private record Filed(Session resident, long id) {
    }

    /** key → its acknowledged filing. */
    private final Map<String, Filed> acknowledged = new ConcurrentHashMap<>();
    /** How attempts ended, by kind ("201", "503", "ConnectException"...). */
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong longestNanos = new AtomicLong();

    Faults(Options options) {
        this.api = new Api(options.required("url"));
        this.port = options.required("pg-port");
        this.workers = options.integer("workers", 8);
        this.durationNanos = TimeUnit.SECONDS.toNanos(options.integer("duration", 600));
        this.stopFile = Path.of(options.required("stop-file"));
        this.timeout = Duration.ofSeconds(options.integer("timeout", 30));
    }

    int run() throws Exception {
        List<Session> residents = List.of(api.login("resident1"), api.login("resident2"));
        long end = System.nanoTime() + durationNanos;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            Session resident = residents.get(w % residents.size());
            pool.submit(() -> {
                while (System.nanoTime() < end && !Files.exists(stopFile)) {
                    fileUntilAcknowledged(resident, UUID.randomUUID().toString(), end + TimeUnit.MINUTES.toNanos(2));
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(durationNanos / 1_000_000_000L + 300, TimeUnit.SECONDS)) {
            System.out.println("FAIL: the workers did not finish");
            return 1;
        }
        System.out.printf("filings acknowledged: %d; attempts by outcome: %s%n", acknowledged.size(), new TreeMap<>(outcomes));
        System.out.printf("longest request: %.1f s (client timeout %d s)%n", longestNanos.get() / 1e9, timeout.toSeconds());
        int failures = 0;
        if (outcomes.containsKey("HttpTimeoutException")) {
            System.out.println("FAIL: requests hung past the client's timeout");
            failures++;
        }
        failures += replay();
        failures += stored();
        System.out.println(failures == 0 ? "faults: all checks passed" : "faults: " + failures + " checks failed");
        return failures == 0 ? 0 : 1;
    }

    /** Files one ticket under this key, retrying after every failure until a 201 or the deadline. */
    private void fileUntilAcknowledged(Session resident, String key, long deadline) {
        byte[] body = body(key);
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> response = attempt(resident, key, body);
            if (response != null && response.statusCode() == 201) {
                acknowledged.put(key, new Filed(resident, read(response).path("id").asLong()));
                return;
            }
            pause(200);
        }
        count("gave up");
    }

    private HttpResponse<byte[]> attempt(Session resident, String key, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/tickets")).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Bearer " + resident.token()).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            count(String.valueOf(response.statusCode()));
            if (response.statusCode() >= 500 && response.statusCode() != 503) {
                System.out.println("unexpected " + response.statusCode() + ": "
                        + Text.abbreviate(new String(response.body(), StandardCharsets.UTF_8), 200));
            }
            return response;
        } catch (HttpTimeoutException e) {
            count("HttpTimeoutException");
            return null;
        } catch (IOException e) {
            count(e.getClass().getSimpleName());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
        }
    }

    /** Every acknowledged filing sent again by its resident with its key: the first answer, the same ticket. */
    private int replay() {
        long differ = acknowledged.entrySet().stream().filter(filing -> {
            HttpResponse<byte[]> response = attempt(filing.getValue().resident(), filing.getKey(), body(filing.getKey()));
            return response == null || response.statusCode() != 201
                    || read(response).path("id").asLong() != filing.getValue().id();
        }).count();
        System.out.printf("replayed %d acknowledged filings with their keys: %d answered another ticket or failed%n",
                acknowledged.size(), differ);
        return differ == 0 ? 0 : 1;
    }

    /** The database's side: each acknowledged key stored once, under its id; no key stored twice. */
    private int stored() throws SQLException {
        Map<String, List<Long>> byKey = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
                PreparedStatement s = connection.prepareStatement(
                        "SELECT substr(description, ?), id FROM ticket WHERE starts_with(description, ?)")) {
            s.setInt(1, MARK.length() + 1);
            s.setString(2, MARK);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byKey.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getLong(2));
                }
            }
        }
        long duplicated = byKey.values().stream().filter(ids -> ids.size() > 1).count();
        long lost = acknowledged.entrySet().stream()
                .filter(filing -> !List.of(filing.getValue().id()).equals(byKey.get(filing.getKey()))).count();
        long unacknowledged = byKey.keySet().stream().filter(key -> !acknowledged.containsKey(key)).count();
        System.out.printf("stored: %d filings; acknowledged but missing or under another id: %d; stored twice: %d;"
                + " stored but never acknowledged: %d%n", byKey.size(), lost, duplicated, unacknowledged);
        return lost == 0 && duplicated == 0 ? 0 : 1;
    }

    private static byte[] body(String key) {
        Bodies.FileTicket garbage = Bodies.GARBAGE;
        return Api.json(new Bodies.FileTicket(garbage.categoryCode(), garbage.title(), MARK + key, garbage.location()));
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    private static JsonNode read(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("a 201 that is not JSON", e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
