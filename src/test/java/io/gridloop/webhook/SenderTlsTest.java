package io.gridloop.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;

/**
 * An HTTPS delivery pinned to the checked address still speaks TLS to the URL's host: it sends that
 * name for SNI, and accepts only a certificate for that name that chains to what it trusts. The
 * receiver is a real TLS server on the loopback with a certificate made by the JDK's keytool for
 * {@code hooks.hotline.invalid}, a name that never resolves (RFC 2606).
 */
class SenderTlsTest {

    private static final String HOST = "hooks.hotline.invalid";

    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static HttpServer server;
    private static PemTrustOptions trustTheReceiver;
    private static final List<String> serverNames = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path store = dir.resolve("receiver.p12");
        Path certificate = dir.resolve("receiver.pem");
        keytool("-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST, "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "receiver", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        trustTheReceiver = new PemTrustOptions().addCertPath(certificate.toString());
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true).setSni(true)
                .setKeyCertOptions(new PfxOptions().setPath(store.toString()).setPassword("changeit")))
                .requestHandler(request -> {
                    serverNames.add(request.connection().indicatedServerName() + " " + request.getHeader("Host"));
                    request.response().setStatusCode(202).end("收到");
                });
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
    }

    private static Sender.Answer post(PemTrustOptions trust, String host) throws Exception {
        Sender sender = new Sender(vertx, Duration.ofSeconds(2), Duration.ofSeconds(5), 2, trust);
        try {
            UrlGuard.Target target = new UrlGuard.Target(URI.create("https://" + host + ":" + server.actualPort() + "/hook"),
                    InetAddress.getLoopbackAddress());
            return sender.post(target, Map.of("content-type", "application/json"), "{}", 100).toCompletionStage()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            sender.stop();
        }
    }

    @Test
    void the_pinned_request_names_the_urls_host_for_sni_and_the_certificate() throws Exception {
        serverNames.clear();
        Sender.Answer answer = post(trustTheReceiver, HOST);
        assertEquals(202, answer.status(), answer.text());
        assertEquals("收到", answer.text());
        assertEquals(List.of(HOST + " " + HOST + ":" + server.actualPort()), serverNames);
    }

    @Test
    void a_certificate_the_jdk_does_not_trust_is_refused() throws Exception {
        serverNames.clear();
        Sender.Answer answer = post(null, HOST);
        assertNull(answer.status());
        assertTrue(answer.text().contains("SSLHandshakeException"), answer.text());
        assertEquals(List.of(), serverNames);
    }

    @Test
    void a_trusted_certificate_for_another_name_is_refused() throws Exception {
        serverNames.clear();
        Sender.Answer answer = post(trustTheReceiver, "other.hotline.invalid");
        assertNull(answer.status());
        assertTrue(answer.text().contains("SSLHandshakeException"), answer.text());
        assertEquals(List.of(), serverNames);
    }
}
