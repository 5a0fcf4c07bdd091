package io.gridloop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A timed run: every worker repeats its unit of work until the deadline (a unit under way then
 * finishes), with the CPU of each process measured around it.
 */
final class Phase {

    /** One unit of work, done by one worker; true when every request in it succeeded. */
    interface Unit {
        boolean run(int worker, Recorder recorder);
    }

    record Result(String name, int ok, int failed, Recorder recorder, Cpu.Usage cpu) {

        double seconds() {
            return cpu.seconds();
        }

        /** Successful units per second. */
        double rate() {
            return ok / seconds();
        }
    }

    private Phase() {
    }

    static Result run(ExecutorService pool, int workers, Cpu cpu, String name, int seconds, Unit unit) throws Exception {
        System.out.printf("%s: %d s at %d workers ...%n", name, seconds, workers);
        Cpu.Snapshot before = cpu.snapshot();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<Recorder>> futures = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            int worker = i;
            futures.add(pool.submit(() -> {
                Recorder recorder = new Recorder();
                while (System.nanoTime() < deadline) {
                    if (unit.run(worker, recorder)) {
                        recorder.ok++;
                    } else {
                        recorder.failed++;
                    }
                }
                return recorder;
            }));
        }
        Recorder all = new Recorder();
        for (Future<Recorder> future : futures) {
            all.merge(future.get(seconds + 120L, TimeUnit.SECONDS));
        }
        Cpu.Usage usage = cpu.since(before);
        all.errors().forEach((what, count) -> System.out.printf("  unexpected: %dx %s%n", count, what));
        return new Result(name, all.ok, all.failed, all, usage);
    }
}
