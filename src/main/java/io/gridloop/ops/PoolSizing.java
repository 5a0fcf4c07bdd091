package io.gridloop.ops;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Every thread that takes the pool's connections has one to take: Quarkus' worker threads (blocking requests and
 * scheduled jobs, each holding one connection at a time, {@code OneConnectionAtATimeTest}) and the webhook worker's
 * side passes ({@code gridloop.webhooks.passes} − 1). The pool gives a returned connection to whichever thread takes
 * it first, not to the one that has waited longest: with more such threads than connections, a waiting thread lost
 * one hand-off after another to threads that came after it, and at 96 concurrent clients about one request in 120
 * waited out the acquisition timeout and answered 503 while the database had time to spare (docs/benchmarks.md,
 * 2026-12-07). With no more threads than connections no thread waits for one: requests past the threads wait in the
 * worker pool's queue, in the order they came. So the service refuses to start with settings that allow more.
 */
@ApplicationScoped
class PoolSizing {

    void check(@Observes StartupEvent start, Config config, AgroalDataSource dataSource) {
        int workerThreads = config.getValue("quarkus.thread-pool.max-threads", Integer.class);
        overcommitted(workerThreads, config.getValue("gridloop.webhooks.passes", Integer.class) - 1,
                dataSource.getConfiguration().connectionPoolConfiguration().maxSize())
                .or(() -> crowdedOut(workerThreads, config.getValue("gridloop.http.large-body-requests", Integer.class),
                        config.getValue("gridloop.tickets.export-concurrency", Integer.class)))
                .ifPresent(problem -> {
                    throw new IllegalStateException(problem);
                });
    }

    /**
     * What is wrong, if anything, with the places given to requests that hold a worker thread for as long as their
     * client takes (imports and uploads while their body arrives, exports while their client reads): slow clients
     * filling every one of them must still leave threads for everything else.
     */
    static Optional<String> crowdedOut(int workerThreads, int largeBodyRequests, int exports) {
        if (largeBodyRequests + exports < workerThreads) {
            return Optional.empty();
        }
        return Optional.of("GRIDLOOP_HTTP_LARGE_BODY_REQUESTS=" + largeBodyRequests + " and GRIDLOOP_TICKETS_EXPORT_CONCURRENCY="
                + exports + " leave none of QUARKUS_THREAD_POOL_MAX_THREADS=" + workerThreads + " worker threads to other"
                + " requests while slow clients hold theirs; lower them or raise the threads");
    }

    /** What is wrong with these numbers, if anything. */
    static Optional<String> overcommitted(int workerThreads, int sidePasses, int connections) {
        int threads = workerThreads + sidePasses;
        if (threads <= connections) {
            return Optional.empty();
        }
        return Optional.of("QUARKUS_DATASOURCE_JDBC_MAX_SIZE=" + connections + " is too small: up to " + threads
                + " threads take connections (QUARKUS_THREAD_POOL_MAX_THREADS=" + workerThreads + " worker threads and "
                + sidePasses + " webhook side passes, GRIDLOOP_WEBHOOKS_PASSES - 1), and those left waiting for one"
                + " answer 503 after the acquisition timeout; raise the pool or lower the threads");
    }
}
