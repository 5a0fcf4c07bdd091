package io.gridloop.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code measure} command on instance A: a warm-up, then (a) filing, (b) the full loop and (c)
 * the raw-SQL ceiling, each reported as it ends, and the summary.
 */
final class Measure {

    private final Options options;

    Measure(Options options) {
        this.options = options;
    }

    int run() throws Exception {
        int workers = options.integer("workers", 32);
        int warmup = options.integer("warmup", 60);
        int filing = options.integer("filing", 30);
        int loop = options.integer("loop", 30);
        int ceilingSeconds = options.integer("ceiling", filing);
        double rate = Double.parseDouble(options.get("rate", "0"));
        boolean warmUpFiling = switch (options.get("warmup-work", "mixed")) {
            case "mixed" -> false;
            case "file" -> true;
            default -> throw new IllegalArgumentException("--warmup-work is mixed or file");
        };
        Api api = new Api(options.required("url"));
        Cpu cpu = new Cpu(options.get("service-pid", null), options.get("postmaster-pid", null));

        try (Database database = new Database(options.required("pg-port"))) {
            System.out.println(database.describe());
            Workload work = new Workload(api);
            System.out.printf("signed in resident1, resident2, leader1, party1, party2, gridmember1; %d workers%n", workers);
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                Phase.Result w = Phase.run(pool, workers, cpu,
                        warmUpFiling ? "warm-up (filing)" : "warm-up (half the workers file, half run whole loops)", warmup,
                        Pacer.pace(rate, warmUpFiling ? work::file : work::mixed));
                System.out.printf("  %d units, %d failed%n%n", w.ok(), w.failed());

                database.resetStatements();
                Phase.Result a = Phase.run(pool, workers, cpu, "(a) filing", filing, Pacer.pace(rate, work::file));
                Figures fa = Figures.of(a, List.of("file"), database.statementsSinceReset());
                Report.filing(fa);

                database.resetStatements();
                Phase.Result b = Phase.run(pool, workers, cpu, "(b) full loop", loop, Pacer.pace(rate, work::loop));
                Figures fb = Figures.of(b, Workload.LOOP_ACTIONS, database.statementsSinceReset());
                Report.loop(fb);

                Ceiling.Result c = ceiling(workers, ceilingSeconds, cpu, database, work);
                Report.summary(workers, w, fa, fb, c);
                boolean complete = ceilingSeconds == 0 || c.measured() && c.failed() == 0 && Report.scriptMatches(fa, c);
                return a.failed() + b.failed() == 0 && complete ? 0 : 1;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private Ceiling.Result ceiling(int workers, int seconds, Cpu cpu, Database database, Workload work) throws Exception {
        String pgbench = options.get("pgbench", null);
        String unavailable = seconds == 0 ? "not asked for (--ceiling 0)"
                : Ceiling.unavailable(pgbench, options.get("pgbench-missing", null));
        if (unavailable != null) {
            System.out.println("(c) raw-SQL ceiling: " + unavailable + "\n");
            return Ceiling.Result.skipped(unavailable);
        }
        Ceiling ceiling = new Ceiling(pgbench, Path.of(options.required("pgbench-script")), options.required("pg-port"),
                workers, Path.of(options.get("work-dir", System.getProperty("java.io.tmpdir"))), cpu, database);
        return ceiling.run(seconds, Ceiling.variables(work.resident1, work.resident2));
    }
}
