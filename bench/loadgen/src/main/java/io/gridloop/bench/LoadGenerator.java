package io.gridloop.bench;

/**
 * Drives the ticket loop of a running gridloop over HTTP for bench/ticket-loop.sh and bench/faults.sh and prints its
 * figures. Three commands, one per service set-up a script makes, and the webhook receiver:
 *
 * <pre>
 * measure --url URL --pg-port N --pgbench PGBENCH --pgbench-script bench/filing.pgbench
 *         [--workers 32] [--warmup 60] [--filing 30] [--loop 30] [--ceiling 30] [--work-dir DIR]
 *         [--service-pid PID] [--postmaster-pid PID] [--pgbench-missing WHY] [--rate 0]
 *         [--warmup-work mixed|file]
 *     warm-up, (a) filing, (b) the full loop, (c) the raw-SQL ceiling with pgbench, and the summary; with a rate,
 *     the phases start that many units a second in all (filings, loops), not as many as the service takes; the
 *     warm-up files and runs whole loops, or only files
 * race --url-a URL --url-b URL --pg-port N [--tickets 20] [--claimers 50] [--warmup 20] [--workers 32]
 *     (d) the claim race across two instances on one database
 * faults --url URL --pg-port N --stop-file FILE [--workers 8] [--duration 600] [--timeout 30]
 *     filing with retries while bench/faults.sh kills the service and stops PostgreSQL; then the checks
 * receive --port N --record FILE
 *     bench/webhooks.sh's webhook receiver: 204 to every delivery, one line per arrival in FILE, until stopped
 * </pre>
 *
 * Exits 0 when every measured request succeeded and every check passed, 1 otherwise.
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java -jar loadgen.jar measure|race|faults|receive --option value ...");
            System.exit(64);
        }
        Options options = Options.parse(args, 1);
        int status = switch (args[0]) {
            case "measure" -> new Measure(options).run();
            case "race" -> new ClaimRace(options).run();
            case "faults" -> new Faults(options).run();
            case "receive" -> new Receiver(options).run();
            default -> throw new IllegalArgumentException("unknown command " + args[0] + "; measure, race, faults or receive");
        };
        System.exit(status);
    }
}
