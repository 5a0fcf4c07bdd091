package io.gridloop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * gridloop's HTTP API as the benchmark uses it: JSON in and out through Jackson, one HTTP/1.1
 * client per instance (its connection pool is shared by all workers).
 */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The demo profile's password for every seeded account. */
    static final String PASSWORD = "gridloop";
    /** The body of actions that take none (claim, start). */
    static final byte[] NO_BODY = json(Map.of());

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Api(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    String base() {
        return base;
    }

    /** A body written once, sent many times. */
    static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Session login(String username) {
        JsonNode answer = post(null, "/api/v1/auth/login", json(new Bodies.Login(username, PASSWORD)), 200);
        JsonNode account = answer.path("account");
        if (!answer.path("accessToken").isTextual() || !account.path("id").canConvertToLong()
                || !account.path("districtId").canConvertToLong()) {
            throw new IllegalStateException("unexpected sign-in answer for " + username + ": " + answer);
        }
        return new Session(username, answer.get("accessToken").asText(), account.get("id").asLong(),
                account.get("districtId").asLong());
    }

    JsonNode post(Session session, String path, byte[] body, int expected) {
        return expect(send(post(session, path, body)), expected);
    }

    JsonNode get(Session session, String path, int expected) {
        return expect(send(request(session, path).GET().build()), expected);
    }

    /** The status of a POST, whatever it is. */
    int status(Session session, String path, byte[] body) {
        return send(post(session, path, body)).statusCode();
    }

    /**
     * A timed POST for a measured run: the answer on the expected status, else null with the failure
     * counted by kind. Only exchanges that succeed count towards the latencies.
     */
    JsonNode call(Recorder recorder, String action, Session session, String path, byte[] body, int expected) {
        HttpRequest request = post(session, path, body);
        long start = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            recorder.error(action + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        long nanos = System.nanoTime() - start;
        if (response.statusCode() != expected) {
            recorder.error(action + " " + response.statusCode() + ": " + Text.abbreviate(text(response), 160));
            return null;
        }
        recorder.record(action, nanos);
        return read(response);
    }

    private HttpRequest.Builder request(Session session, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (session != null) {
            builder.header("Authorization", "Bearer " + session.token());
        }
        return builder;
    }

    private HttpRequest post(Session session, String path, byte[] body) {
        return request(session, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expect(HttpResponse<byte[]> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " (expected " + expected + "): " + Text.abbreviate(text(response), 300));
        }
        return read(response);
    }

    private static JsonNode read(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(response.request().uri() + " answered something that is not JSON: "
                    + Text.abbreviate(text(response), 300), e);
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
