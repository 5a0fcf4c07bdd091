package io.gridloop.shared.sql;

import java.util.function.Supplier;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Removing many rows a batch at a time, each batch in a transaction of its own, so that a retention
 * job never holds locks on a whole table and several instances can share the work
 * ({@code FOR UPDATE SKIP LOCKED} in the batch's statement).
 */
public final class Batches {

    private Batches() {
    }

    /** Runs the batch again until it changes no row; answers how many rows all the batches changed. */
    public static int untilNone(Supplier<Integer> batch) {
        int total = 0;
        int changed;
        do {
            changed = QuarkusTransaction.requiringNew().call(batch::get);
            total += changed;
        } while (changed > 0);
        return total;
    }
}
