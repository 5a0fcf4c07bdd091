package io.gridloop.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * The PostgreSQL server gridloop runs for itself when no database URL is configured.
 *
 * <p>One server per data directory and JVM. The server records which JVM started it (a file beside
 * postmaster.pid), so a dev-mode reload or a test restart in the same JVM finds its server running
 * and reuses it, while a server left behind by a killed JVM is stopped before a new one starts.
 *
 * <p>The server keeps its log in the data directory ({@code postgres/log/postgresql-Mon.log}, a week of them,
 * each day's file overwritten a week later) and has pg_stat_statements and auto_explain loaded; auto_explain
 * writes nothing until {@code auto_explain.log_min_duration} is set (bench/webhooks.sh's {@code PLANS}).
 */
final class EmbeddedPostgres {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    private static final String OWNER_FILE = "gridloop-owner.pid";

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
                    .setRegisterShutdownHook(true)
                    .start();
            Files.writeString(directory.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            LOG.infof("Embedded PostgreSQL started on port %d with data in %s (%d ms)",
                    server.getPort(), directory, (System.nanoTime() - started) / 1_000_000);
            return url(server.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    private static String url(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /** The port of the server on this directory if this JVM started it and it still runs. */
    private static Optional<Integer> portOfOurServer(Path directory) throws IOException {
        Path owner = directory.resolve(OWNER_FILE);
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(owner) || !Files.exists(pidFile)
                || !Files.readString(owner).trim().equals(Long.toString(ProcessHandle.current().pid()))) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        boolean running = lines.size() > 3 && ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .map(ProcessHandle::isAlive).orElse(false);
        return running ? Optional.of(Integer.parseInt(lines.get(3).trim())) : Optional.empty();
    }

    /** A postmaster whose JVM was killed keeps running; its pid file names it. */
    private static void stopOrphan(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        if (orphan.isPresent() && orphan.get().isAlive()) {
            LOG.warnf("Stopping a PostgreSQL (pid %d) left running on %s", orphan.get().pid(), directory);
            orphan.get().destroy();
            try {
                orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("The PostgreSQL left running on " + directory + " did not stop", e);
            }
        }
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
