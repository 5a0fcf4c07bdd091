package io.gridloop.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** One worker's outcomes in one phase: latencies per action, units done and failed, failures by kind. */
final class Recorder {

    private final Map<String, long[]> samples = new TreeMap<>();
    private final Map<String, Integer> sizes = new TreeMap<>();
    private final Map<String, Integer> errors = new TreeMap<>();
    int ok;
    int failed;

    void record(String action, long nanos) {
        long[] array = samples.computeIfAbsent(action, k -> new long[1024]);
        int size = sizes.getOrDefault(action, 0);
        if (size == array.length) {
            array = Arrays.copyOf(array, size * 2);
            samples.put(action, array);
        }
        array[size] = nanos;
        sizes.put(action, size + 1);
    }

    /** Counted by kind: request ids, ticket ids and other long numbers are left out so that like meets like. */
    void error(String what) {
        errors.merge(what.replaceAll("\"requestId\":\"[^\"]*\"?", "").replaceAll("\\b[0-9]{4,}\\b", "N"), 1, Integer::sum);
    }

    Map<String, Integer> errors() {
        return errors;
    }

    void merge(Recorder other) {
        ok += other.ok;
        failed += other.failed;
        other.errors.forEach((k, v) -> errors.merge(k, v, Integer::sum));
        other.samples.forEach((action, array) -> {
            long[] mine = raw(action);
            long[] theirs = other.raw(action);
            long[] both = Arrays.copyOf(mine, mine.length + theirs.length);
            System.arraycopy(theirs, 0, both, mine.length, theirs.length);
            samples.put(action, both);
            sizes.put(action, both.length);
        });
    }

    Latencies latencies(String action) {
        return new Latencies(raw(action));
    }

    /** All the given actions' latencies together. */
    Latencies latencies(Iterable<String> actions) {
        Latencies all = Latencies.NONE;
        for (String action : actions) {
            all = all.plus(latencies(action));
        }
        return all;
    }

    private long[] raw(String action) {
        long[] array = samples.get(action);
        return array == null ? new long[0] : Arrays.copyOf(array, sizes.get(action));
    }
}
