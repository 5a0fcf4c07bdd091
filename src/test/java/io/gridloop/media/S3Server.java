package io.gridloop.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for the test: S3Proxy (the S3 REST API, AWS signatures checked) over
 * jclouds' in-memory blob store, in a JVM of its own on a free local port. Its standalone jar is put in
 * target/s3proxy by the build (maven-dependency-plugin); apart, its jclouds and Guice never meet Quarkus'
 * test class path. Media's S3 store talks to it over HTTP as it would to MinIO or AWS.
 */
public class S3Server implements QuarkusTestResourceLifecycleManager {

    static final String BUCKET = "gridloop-media-test";
    private static final Path HOME = Path.of("target", "s3proxy");
    private static final Path JAR = HOME.resolve("s3proxy.jar");
    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key";
    private static final String REGION = "us-east-1";

    private Process process;
    private Thread stopAtExit;

    @Override
    public Map<String, String> start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: `./mvnw verify` (process-test-resources) puts it there");
        }
        int port = freePort();
        String endpoint = "http://127.0.0.1:" + port;
        Path log = HOME.resolve("s3proxy-" + port + ".log");
        try {
            Path properties = HOME.resolve("s3proxy-" + port + ".properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=transient",
                    "jclouds.identity=unused",
                    "jclouds.credential=unused", ""), StandardCharsets.UTF_8);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-DLOG_LEVEL=warn", "-jar", JAR.toString(),
                    "--properties", properties.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("S3Proxy did not start", e);
        }
        // should the test JVM end without stop() (a failed start, an interrupted run), the server ends with it
        stopAtExit = new Thread(process::destroyForcibly, "s3proxy-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        try (S3Client s3 = S3Client.builder().region(Region.of(REGION)).endpointOverride(URI.create(endpoint))
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build()) {
            // up once it answers S3 (the bucket is made by the first request it takes); refused connections until then
            Awaitility.await("S3Proxy on " + endpoint + " (its log: " + log.toAbsolutePath() + ")").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptionsMatching(SdkClientException.class::isInstance)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ": "
                                    + Files.readString(log, StandardCharsets.UTF_8));
                        }
                        s3.createBucket(b -> b.bucket(BUCKET));
                        return true;
                    });
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        return Map.of("gridloop.media.storage.kind", "s3",
                "gridloop.media.storage.s3.bucket", BUCKET,
                "gridloop.media.storage.s3.endpoint", endpoint,
                "gridloop.media.storage.s3.region", REGION,
                "gridloop.media.storage.s3.access-key-id", ACCESS_KEY,
                "gridloop.media.storage.s3.secret-access-key", SECRET_KEY,
                "gridloop.media.storage.s3.path-style", "true");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the JVM is already ending: the hook runs anyway
        }
        process = null;
    }
}
