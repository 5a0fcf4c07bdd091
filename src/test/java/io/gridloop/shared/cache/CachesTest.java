package io.gridloop.shared.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Cache;

import io.gridloop.support.TestClock;

/** The caches' time is the injected clock's, and their size has a bound. Plain JUnit. */
class CachesTest {

    @Test
    void an_entry_expires_when_the_injected_clock_moves_past_its_time_to_live() {
        TestClock clock = new TestClock();
        clock.set(OffsetDateTime.parse("2026-11-02T09:00:00+08:00"));
        Cache<String, String> cache = Caches.bounded(10, clock).expireAfterWrite(Duration.ofMinutes(1)).build();
        cache.put("district-1/2026", "calendar");

        clock.advance(Duration.ofSeconds(59));
        assertEquals("calendar", cache.getIfPresent("district-1/2026"));
        clock.advance(Duration.ofSeconds(1));
        assertNull(cache.getIfPresent("district-1/2026"));
    }

    @Test
    void a_full_cache_lets_some_entries_go_not_all_of_them() {
        Cache<Integer, Integer> cache = Caches.bounded(100).executor(Runnable::run).build();
        for (int i = 0; i < 1_000; i++) {
            cache.put(i, i);
        }
        cache.cleanUp();

        assertEquals(100, cache.estimatedSize());
    }
}
