package io.gridloop.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

import io.restassured.path.json.JsonPath;

/**
 * A webhook receiver: a real HTTP server on 127.0.0.1, down until {@link #answer} starts it, then
 * answering every POST with the status it is told. It keeps what it was sent, and checks each
 * signature by the published algorithm (standardwebhooks.com), written here apart from the service's.
 */
final class Receiver implements AutoCloseable {

    /** One request as received. */
    record Received(String id, long timestamp, String signature, String body, int answered) {

        JsonPath json() {
            return JsonPath.from(body);
        }

        long ticketId() {
            return json().getLong("data.ticketId");
        }

        String type() {
            return json().getString("type");
        }
    }

    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private volatile String location;
    private volatile byte[] reply;
    private volatile long delayMs;
    private HttpServer server;

    Receiver() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    /** Up (started if down), answering every request with this status from now on. */
    synchronized void answer(int code) throws IOException {
        answer(code, null, null, 0);
    }

    /** Up, answering 302 to the location from now on. */
    void redirect(String to) throws IOException {
        answer(302, to, null, 0);
    }

    /** Up, answering with this status and body from now on. */
    void answer(int code, byte[] answerBody) throws IOException {
        answer(code, null, answerBody, 0);
    }

    /** Up, answering 200 only after this long from now on. */
    void slow(long ms) throws IOException {
        answer(200, null, null, ms);
    }

    private synchronized void answer(int code, String redirectTo, byte[] answerBody, long delay) throws IOException {
        status.set(code);
        this.location = redirectTo;
        this.reply = answerBody;
        this.delayMs = delay;
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            server.createContext("/hook", exchange -> {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                int answer = status.get();
                var headers = exchange.getRequestHeaders();
                received.add(new Received(headers.getFirst("webhook-id"), Long.parseLong(headers.getFirst("webhook-timestamp")),
                        headers.getFirst("webhook-signature"), body, answer));
                if (delayMs > 0) {
                    try {
                        Thread.sleep(delayMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (location != null) {
                    exchange.getResponseHeaders().add("Location", location);
                }
                byte[] reply = this.reply != null ? this.reply
                        : ("{\"ok\":" + (answer == 200) + "}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer, reply.length);
                exchange.getResponseBody().write(reply);
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
            server.start();
        }
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** What was accepted (200), each message once, in the order it arrived. */
    List<Received> accepted() {
        Map<String, Received> once = new java.util.LinkedHashMap<>();
        received.stream().filter(r -> r.answered() == 200).forEach(r -> once.putIfAbsent(r.id(), r));
        return new ArrayList<>(once.values());
    }

    /** Standard Webhooks: v1, Base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)), key = Base64-decoded secret after whsec_. */
    static boolean verifies(Received r, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(
                (r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
        return List.of(r.signature().split(" ")).contains(expected);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
