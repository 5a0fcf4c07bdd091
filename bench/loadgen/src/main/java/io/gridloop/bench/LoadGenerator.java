package io.gridloop.bench;

/**
 * Drives the ticket loop of a running gridloop over HTTP for bench/ticket-loop.sh and prints its
 * figures. Two commands, one per service set-up the script makes:
 *
 * <pre>
 * measure --url URL --pg-port N --pgbench PGBENCH --pgbench-script bench/filing.pgbench
 *         [--workers 32] [--warmup 60] [--filing 30] [--loop 30] [--ceiling 30] [--work-dir DIR]
 *         [--service-pid PID] [--postmaster-pid PID] [--pgbench-missing WHY]
 *     warm-up, (a) filing, (b) the full loop, (c) the raw-SQL ceiling with pgbench, and the summary
 * race --url-a URL --url-b URL --pg-port N [--tickets 20] [--claimers 50] [--warmup 20] [--workers 32]
 *     (d) the claim race across two instances on one database
 * </pre>
 *
 * Exits 0 when every measured request succeeded and every check passed, 1 otherwise.
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java -jar loadgen.jar measure|race --option value ...");
            System.exit(64);
        }
        Options options = Options.parse(args, 1);
        int status = switch (args[0]) {
            case "measure" -> new Measure(options).run();
            case "race" -> new ClaimRace(options).run();
            default -> throw new IllegalArgumentException("unknown command " + args[0] + "; measure or race");
        };
        System.exit(status);
    }
}
