package io.gridloop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One more instance of the packaged service: {@code java -jar target/quarkus-app/quarkus-run.jar} in a
 * process of its own, in the production profile with the settings it is given, on a free HTTP port and
 * a free management port of 127.0.0.1; its output goes to {@code target/<name>.log}. {@link #start}
 * returns once its liveness check answers UP; {@link #close} stops it, and so does the end of the test
 * JVM if nothing else did, so no test leaves it running.
 */
public final class ServiceInstance implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final Thread stopAtExit;

    private ServiceInstance(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.stopAtExit = new Thread(process::destroyForcibly, "stop " + log.getFileName());
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Starts the packaged service with these settings (as -D system properties) and waits until it is live. */
    public static ServiceInstance start(String name, Map<String, String> settings) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the service must be packaged first (mvn package)");
        }
        int port = freePort();
        int managementPort = freePort();
        Map<String, String> properties = new TreeMap<>(settings);
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("quarkus.management.host", "127.0.0.1");
        properties.put("quarkus.management.port", Integer.toString(managementPort));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(JAR.toString());
        Path log = Path.of("target", name + ".log");
        ServiceInstance instance;
        try {
            instance = new ServiceInstance(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start(), port, managementPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + JAR, e);
        }
        try {
            instance.awaitLive(URI.create("http://127.0.0.1:" + managementPort + "/q/health/live"));
            return instance;
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
    }

    /** The instance's HTTP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The instance's management port on 127.0.0.1 (health, metrics). */
    public int managementPort() {
        return managementPort;
    }

    /** The instance's output. */
    public Path log() {
        return log;
    }

    /** Sends the instance SIGTERM, as an operator stopping it does, and returns while it shuts down; {@link #close} waits. */
    public void beginStop() {
        process.destroy();
    }

    /** Kills the instance (SIGKILL), so nothing of its own shutdown runs, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        close();
    }

    private void awaitLive(URI health) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the instance stopped while starting (exit " + process.exitValue()
                        + "); its output: " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the instance started", e);
            }
            pause();
        }
        throw new IllegalStateException("the instance was not live within " + START_TIMEOUT + "; its output: " + log.toAbsolutePath());
    }

    /** Stops the instance as an operator would (SIGTERM, graceful shutdown), killing it if it does not stop in time. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting already, and the hook stops the process anyway
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the instance started", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
