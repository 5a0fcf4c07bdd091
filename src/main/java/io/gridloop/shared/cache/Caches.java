package io.gridloop.shared.cache;

import java.time.Clock;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * In-memory caches on Caffeine, always bounded. Expiry is measured on the injected {@link Clock},
 * the one every rule reads, never on the system's: a test that moves the clock past a time-to-live
 * sees the entry go.
 */
public final class Caches {

    private Caches() {
    }

    /** At most {@code maximumSize} entries; past it the least used go first, not the whole cache. */
    public static Caffeine<Object, Object> bounded(long maximumSize) {
        return Caffeine.newBuilder().maximumSize(maximumSize);
    }

    /** The same, with any expiry set on the builder measured on this clock. */
    public static Caffeine<Object, Object> bounded(long maximumSize, Clock clock) {
        return bounded(maximumSize).ticker(ticker(clock));
    }

    /** Caffeine's time source (nanoseconds) read from the clock. */
    public static Ticker ticker(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }
}
