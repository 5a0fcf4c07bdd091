package io.gridloop.bench;

import java.util.Arrays;

/** Latencies of one kind of request, sorted; nearest-rank percentiles in milliseconds. */
final class Latencies {

    static final Latencies NONE = new Latencies(new long[0]);

    private final long[] sorted;

    Latencies(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(this.sorted);
    }

    long count() {
        return sorted.length;
    }

    double p(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }

    Latencies plus(Latencies other) {
        long[] both = Arrays.copyOf(sorted, sorted.length + other.sorted.length);
        System.arraycopy(other.sorted, 0, both, sorted.length, other.sorted.length);
        return new Latencies(both);
    }
}
