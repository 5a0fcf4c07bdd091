package io.gridloop.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.vertx.core.Vertx;

/** The POST goes to the address the guard checked, whatever the URL's host would resolve to now. */
class SenderTest {

    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private Vertx vertx;
    private Sender sender;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            byte[] answer = "收到".getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        vertx = Vertx.vertx();
        sender = new Sender(vertx, Duration.ofSeconds(2), Duration.ofMillis(500), 4, null);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Sender.Answer post(String url) throws Exception {
        // .invalid never resolves (RFC 2606): an answer at all shows the name was not looked up
        UrlGuard.Target target = new UrlGuard.Target(URI.create(url), InetAddress.getLoopbackAddress());
        return sender.post(target, Map.of("content-type", "application/json"), "{}", 100).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void the_request_goes_to_the_checked_address_and_names_the_urls_host() throws Exception {
        int port = server.getAddress().getPort();
        Sender.Answer answer = post("http://hooks.hotline.invalid:" + port + "/hook");
        assertEquals(202, answer.status());
        assertEquals("收到", answer.text());
        assertEquals(List.of("hooks.hotline.invalid:" + port), hosts);
    }

    @Test
    void an_answer_slower_than_the_read_timeout_is_cut_off() throws Exception {
        Sender.Answer answer = post("http://slow.invalid:" + server.getAddress().getPort() + "/slow");
        assertNull(answer.status());
        assertTrue(answer.text().startsWith("timed out after PT0.5S"), answer.text());
        assertTrue(answer.latencyMs() < 2_000, answer.latencyMs() + " ms");
    }
}
