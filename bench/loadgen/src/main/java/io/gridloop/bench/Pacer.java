package io.gridloop.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts units of work at a fixed rate shared by all workers of a phase: each unit takes the next start time of
 * one schedule and waits for it. A unit that starts late does not move the schedule, so a short stall is caught up
 * and a service that cannot keep the rate is simply run as fast as it goes.
 */
final class Pacer {

    private final long interval;
    private final AtomicLong next;

    private Pacer(double perSecond) {
        this.interval = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        this.next = new AtomicLong(System.nanoTime());
    }

    /** The unit, started at most {@code perSecond} times a second in all; as fast as it goes when 0. */
    static Phase.Unit pace(double perSecond, Phase.Unit unit) {
        if (perSecond <= 0) {
            return unit;
        }
        Pacer pacer = new Pacer(perSecond);
        return (worker, recorder) -> {
            long wait = pacer.next.getAndAdd(pacer.interval) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            return unit.run(worker, recorder);
        };
    }
}
