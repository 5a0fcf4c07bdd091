package io.gridloop.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The clock every rule reads, in tests: real time until a test puts "now" somewhere else, then that
 * instant, moving only when the test moves it. Replaces the default clock of shared/time/Clocks.
 * Tests that set it call {@link #reset()} when they are done.
 */
@ApplicationScoped
public class TestClock extends Clock {

    private volatile Instant fixed;

    public void set(OffsetDateTime now) {
        fixed = now.toInstant();
    }

    public void advance(Duration duration) {
        fixed = instant().plus(duration);
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now == null ? Instant.now() : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("gridloop reads instants; zones come from the district");
    }
}
