package io.gridloop.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PoolSizingTest {

    @Test
    void threads_that_all_have_a_connection_pass() {
        assertEquals(Optional.empty(), PoolSizing.overcommitted(32, 3, 36));
        assertEquals(Optional.empty(), PoolSizing.overcommitted(32, 3, 35));
        assertEquals(Optional.empty(), PoolSizing.overcommitted(8, 0, 8));
    }

    @Test
    void one_thread_more_than_connections_is_refused_naming_the_settings() {
        String problem = PoolSizing.overcommitted(32, 3, 34).orElseThrow();
        assertTrue(problem.startsWith("QUARKUS_DATASOURCE_JDBC_MAX_SIZE=34 is too small: up to 35 threads"), problem);
        assertTrue(problem.contains("QUARKUS_THREAD_POOL_MAX_THREADS=32"), problem);
        assertTrue(problem.contains("GRIDLOOP_WEBHOOKS_PASSES"), problem);
        assertTrue(PoolSizing.overcommitted(200, 0, 36).isPresent(), "Quarkus' own default of 200 threads");
    }

    @Test
    void places_for_slow_clients_must_leave_threads_for_the_rest() {
        assertEquals(Optional.empty(), PoolSizing.crowdedOut(32, 16, 4));
        assertEquals(Optional.empty(), PoolSizing.crowdedOut(32, 27, 4));
        String problem = PoolSizing.crowdedOut(32, 28, 4).orElseThrow();
        assertTrue(problem.startsWith("GRIDLOOP_HTTP_LARGE_BODY_REQUESTS=28 and GRIDLOOP_TICKETS_EXPORT_CONCURRENCY=4"), problem);
        assertTrue(problem.contains("QUARKUS_THREAD_POOL_MAX_THREADS=32"), problem);
    }
}
