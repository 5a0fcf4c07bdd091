package io.gridloop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * (c) The raw-SQL ceiling: pgbench runs bench/filing.pgbench, the statements of one filing written
 * by hand, with as many clients as there are HTTP workers, against the service's own database.
 * What PostgreSQL alone can do with a filing's work on this machine; the service's filing rate is
 * set against it.
 */
final class Ceiling {

    /** The district's time zone (gridloop.district.zone), which picks the year of a ticket number. */
    private static final ZoneId DISTRICT_ZONE = ZoneId.of("Asia/Shanghai");

    record Result(String notMeasured, double tps, double latencyMs, long transactions, long failed,
            double statementsPerTransaction, Cpu.Usage cpu) {

        boolean measured() {
            return notMeasured == null;
        }

        static Result skipped(String why) {
            return new Result(why, Double.NaN, Double.NaN, 0, 0, Double.NaN, null);
        }
    }

    private final String pgbench;
    private final Path script;
    private final String pgPort;
    private final int clients;
    private final Path workDir;
    private final Cpu cpu;
    private final Database database;

    Ceiling(String pgbench, Path script, String pgPort, int clients, Path workDir, Cpu cpu, Database database) {
        this.pgbench = pgbench;
        this.script = script;
        this.pgPort = pgPort;
        this.clients = clients;
        this.workDir = workDir;
        this.cpu = cpu;
        this.database = database;
    }

    /** The pgbench variables that bench/filing.pgbench expects, from the residents the filing phase files as. */
    static List<String> variables(Session resident1, Session resident2) {
        int year = ZonedDateTime.now(DISTRICT_ZONE).getYear();
        long district = resident1.districtId();
        return List.of("reporter1=" + resident1.accountId(), "reporter2=" + resident2.accountId(), "district=" + district,
                "number_sequence=ticket_number_" + district + "_" + year, "year=" + year, "n=0");
    }

    Result run(int seconds, List<String> variables) throws Exception {
        System.out.printf("(c) raw-SQL ceiling: pgbench, %s, %d clients, %d s, one filing per pgbench \"transaction\""
                + " (a run of the script) ...%n", script, clients, seconds);
        List<String> command = new ArrayList<>(List.of(pgbench, "-n", "-M", "prepared", "-r", "-c",
                Integer.toString(clients), "-j", Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T", Integer.toString(seconds), "-h", "127.0.0.1", "-p", pgPort, "-U", "postgres"));
        variables.forEach(v -> command.addAll(List.of("-D", v)));
        command.addAll(List.of("-f", script.toString(), "postgres"));

        database.resetStatements();
        Cpu.Snapshot before = cpu.snapshot();
        Path out = workDir.resolve("pgbench.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(seconds + 120L, TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            return Result.skipped("pgbench did not finish in " + (seconds + 120) + " s; its output is in " + out);
        }
        Cpu.Usage usage = cpu.since(before);
        long statements = Database.calls(database.statementsSinceReset());
        String report = Files.readString(out);

        double tps = number(report, "tps = ([0-9.]+)");
        double latency = number(report, "latency average = ([0-9.]+) ms");
        long transactions = (long) number(report, "number of transactions actually processed: ([0-9]+)");
        long failed = (long) number(report, "number of failed transactions: ([0-9]+)");
        if (process.exitValue() != 0 || Double.isNaN(tps) || report.contains("aborted")) {
            System.out.println("  pgbench failed (exit " + process.exitValue() + "):");
            report.lines().limit(40).forEach(line -> System.out.println("    " + line));
            return Result.skipped("pgbench failed (exit " + process.exitValue() + ")");
        }
        printStatementLatencies(report);
        Result result = new Result(null, tps, latency, transactions, failed,
                transactions == 0 ? Double.NaN : (double) statements / transactions, usage);
        System.out.printf("  %.1f transactions/s, latency average %.2f ms, %d failed; %.2f statements per transaction%n",
                tps, latency, failed, result.statementsPerTransaction());
        System.out.printf("  CPU: %s; PostgreSQL %.2f ms per transaction%n%n", usage.cores("pgbench", true),
                usage.postgresMsPer(transactions));
        return result;
    }

    /** pgbench -r: each statement's average latency, named by its first line. */
    private static void printStatementLatencies(String report) {
        int start = report.indexOf("statement latencies");
        if (start < 0) {
            return;
        }
        System.out.println("  per statement, average latency in ms (pgbench -r):");
        Matcher m = Pattern.compile("(?m)^\\s+([0-9.]+)\\s+([0-9]+)\\s+(\\S.*)$").matcher(report.substring(start));
        while (m.find()) {
            System.out.printf("  %9s  %s%n", m.group(1), Text.abbreviate(m.group(3), 100));
        }
    }

    /** A figure from pgbench's report, NaN when the line is missing. */
    private static double number(String report, String regex) {
        Matcher m = Pattern.compile(regex).matcher(report);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    static String unavailable(String pgbench, String why) {
        if (pgbench == null || pgbench.isBlank() || !Files.isExecutable(Path.of(pgbench))) {
            return "pgbench is not available (" + (why == null ? "not given" : why) + ")";
        }
        return null;
    }
}
