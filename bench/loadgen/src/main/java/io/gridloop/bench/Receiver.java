package io.gridloop.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The webhook receiver of bench/webhooks.sh: answers every POST with 204 and appends one line per delivery to the
 * record file: arrival time (Unix ms), webhook-id and the event's occurredAt. It stands for a system on another machine, so it is written to cost this one as little CPU as it can
 * (the JDK's HTTP server, a small pool, one buffered file), where the Python receiver, starved at the lowest
 * priority on two busy cores, took deliveries at a tenth of the rate the service could send them.
 */
final class Receiver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final Path record;

    Receiver(Options options) {
        this.port = options.integer("port", 9999);
        this.record = Path.of(options.required("record"));
    }

    int run() throws IOException {
        BufferedWriter out = Files.newBufferedWriter(record, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> receive(exchange, out));
        server.start();
        System.err.println("listening on http://127.0.0.1:" + port + "/");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            flush(out);
        }));
        while (true) {   // the lines reach the file within a second; the script reads it after the runs
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return 0;
            }
            flush(out);
        }
    }

    private static void receive(HttpExchange exchange, BufferedWriter out) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        long arrived = System.currentTimeMillis();
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
        if (!"POST".equals(exchange.getRequestMethod())) {
            return;
        }
        JsonNode data = JSON.readTree(body).path("data");
        String line = arrived + " " + exchange.getRequestHeaders().getFirst("webhook-id") + " " + data.path("occurredAt").asText()
                + "\n";
        synchronized (out) {
            out.write(line);
        }
    }

    private static void flush(BufferedWriter out) {
        synchronized (out) {
            try {
                out.flush();
            } catch (IOException e) {
                System.err.println("cannot write the record: " + e.getMessage());
            }
        }
    }
}
