package io.gridloop.bench;

import java.util.Locale;

/** Prints each phase's figures as it ends, and the summary table at the end of {@code measure}. */
final class Report {

    /** Statements per filing may differ by the background jobs' few; more than this is a different filing. */
    private static final double SCRIPT_TOLERANCE = 0.25;

    private Report() {
    }

    static void filing(Figures f) {
        Latencies l = f.latencies();
        System.out.printf("  %d filings in %.1f s = %.1f requests/s; latency p50 %.1f, p95 %.1f, p99 %.1f, max %.1f ms;"
                + " %d failed%n", f.requests(), f.phase().seconds(), f.requestsPerSecond(), l.p(50), l.p(95), l.p(99), l.max(),
                f.phase().failed());
        System.out.printf("  CPU: %s%n", f.phase().cpu().cores("load generator", false));
        perRequest("filing", f);
        System.out.println("  what a filing issued (pg_stat_statements; bench/filing.pgbench should issue the same):");
        for (Database.Statement s : f.statements()) {
            double perFiling = (double) s.calls() / Math.max(1, f.requests());
            if (perFiling >= 0.01) {
                System.out.printf("  %7.2f  %s%n", perFiling, Text.abbreviate(s.query(), 110));
            }
        }
        System.out.println();
    }

    static void loop(Figures f) {
        Phase.Result b = f.phase();
        System.out.printf("  %d loops in %.1f s = %.2f loops/s (%.1f requests/s); %d failed%n", b.ok(), b.seconds(), b.rate(),
                f.requestsPerSecond(), b.failed());
        System.out.printf("  %-10s %8s %9s %9s %9s %9s%n", "request", "count", "p50 ms", "p95 ms", "p99 ms", "max ms");
        for (String action : Workload.LOOP_ACTIONS) {
            row(action, b.recorder().latencies(action));
        }
        row("all", f.latencies());
        System.out.printf("  CPU: %s%n", b.cpu().cores("load generator", false));
        perRequest("request", f);
        System.out.println();
    }

    private static void row(String name, Latencies l) {
        System.out.printf("  %-10s %8d %9.1f %9.1f %9.1f %9.1f%n", name, l.count(), l.p(50), l.p(95), l.p(99), l.max());
    }

    private static void perRequest(String unit, Figures f) {
        System.out.printf("  per %s: service JVM %.2f ms CPU, PostgreSQL %.2f ms CPU, %.2f SQL statements"
                + " (pg_stat_statements, without BEGIN/COMMIT)%n", unit, f.jvmMsPerRequest(), f.postgresMsPerRequest(),
                f.statementsPerRequest());
        System.out.printf("  of the service's CPU per %s: JIT compiler %.2f ms, the rest %.2f ms%n", unit, f.jitMsPerRequest(),
                f.jvmMsPerRequest() - f.jitMsPerRequest());
    }

    /** Whether bench/filing.pgbench still issues as many statements as a filing does. */
    static boolean scriptMatches(Figures filing, Ceiling.Result ceiling) {
        return Math.abs(filing.statementsPerRequest() - ceiling.statementsPerTransaction()) <= SCRIPT_TOLERANCE;
    }

    private static void summaryRow(String name, Figures f) {
        Latencies l = f.latencies();
        System.out.printf(Locale.ROOT, "%-36s %10.1f %8.1f %8.1f %8.1f %12.2f %8.2f %12.2f %8.2f%n", name,
                f.requestsPerSecond(), l.p(50), l.p(95), l.p(99), f.jvmMsPerRequest(), f.jitMsPerRequest(),
                f.postgresMsPerRequest(), f.statementsPerRequest());
    }

    static void summary(int workers, Phase.Result warmup, Figures filing, Figures loop, Ceiling.Result ceiling) {
        System.out.println("=== ticket loop, " + workers + " concurrent workers " + "=".repeat(70));
        String header = "%-36s %10s %8s %8s %8s %12s %8s %12s %8s%n";
        System.out.printf(header, "per request", "req/s", "p50 ms", "p95 ms", "p99 ms", "JVM CPU ms", "of it JIT", "PG CPU ms",
                "SQL");
        summaryRow("(a) filing  POST /api/v1/tickets", filing);
        summaryRow("(b) full loop, its 7 requests", loop);
        System.out.printf("%-36s %10.2f%n", "    = loops/s", loop.phase().rate());
        if (ceiling.measured()) {
            System.out.printf(Locale.ROOT, "%-36s %10.1f %8s %8s %8s %12s %8s %12.2f %8.2f%n", "(c) raw-SQL ceiling, pgbench tx/s",
                    ceiling.tps(), String.format(Locale.ROOT, "avg %.1f", ceiling.latencyMs()), "", "", "-", "-",
                    ceiling.cpu().postgresMsPer(ceiling.transactions()), ceiling.statementsPerTransaction());
            System.out.printf("%-36s %10.2f%n", "    filing ÷ ceiling", filing.requestsPerSecond() / ceiling.tps());
            if (!scriptMatches(filing, ceiling)) {
                System.out.printf("    WARNING: a filing issued %.2f statements, bench/filing.pgbench %.2f: the script no longer"
                        + " matches what the service does; review it against TicketService.file%n",
                        filing.statementsPerRequest(), ceiling.statementsPerTransaction());
            }
        } else {
            System.out.printf("%-36s %s%n", "(c) raw-SQL ceiling", "not measured: " + ceiling.notMeasured());
        }
        System.out.printf("failed units: filing %d, loop %d, pgbench transactions %d (warm-up %d%s)%n",
                filing.phase().failed(), loop.phase().failed(), ceiling.failed(), warmup.failed(),
                warmup.failed() == 0 ? "" : ": see 'unexpected' under the warm-up, and the service's errors at the end");
    }
}
