package io.gridloop.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalPoolInterceptor;

/**
 * Watches the pool for a thread that takes a second connection while it holds one: a request that
 * does that needs two of the pool's connections at once, so as many such requests in flight as half
 * the pool hold one each and wait for another until the acquisition timeout answers 503. Each time it
 * happens, where (the gridloop frames of the second taking) is kept for {@link #since}.
 */
@ApplicationScoped
public class HeldConnections implements AgroalPoolInterceptor {

    /** The names of the threads Quarkus runs blocking requests and scheduled jobs on. */
    private static final String WORKERS = "executor-thread-";

    private final Map<Connection, Thread> held = new IdentityHashMap<>();
    private final List<String> seconds = new ArrayList<>();

    @Override
    public synchronized void onConnectionAcquire(Connection connection) {
        Thread me = Thread.currentThread();
        held.keySet().removeIf(HeldConnections::closed);
        if (held.containsValue(me)) {
            StringBuilder where = new StringBuilder(me.getName());
            for (StackTraceElement frame : new Throwable().getStackTrace()) {
                if (frame.getClassName().startsWith("io.gridloop.") && !frame.getClassName().startsWith(getClass().getName())) {
                    where.append("\n  at ").append(frame);
                }
            }
            seconds.add(where.toString());
        }
        held.put(physical(connection), me);
    }

    @Override
    public synchronized void onConnectionReturn(Connection connection) {
        held.remove(physical(connection));
    }

    /** How many second connections have been taken so far: pass it to {@link #since} after the requests to check. */
    public synchronized int mark() {
        return seconds.size();
    }

    /** Where the second connections taken since the mark were taken, on any thread. */
    public synchronized List<String> since(int mark) {
        return List.copyOf(seconds.subList(mark, seconds.size()));
    }

    /** Those the service's worker threads took (requests, scheduled jobs), not a test's own. */
    public List<String> sinceOnWorkers(int mark) {
        return since(mark).stream().filter(where -> where.startsWith(WORKERS)).toList();
    }

    /** The pool hands each call a wrapper of its own: the driver's connection under it is the same. */
    private static Connection physical(Connection connection) {
        try {
            return connection.unwrap(Connection.class);
        } catch (SQLException e) {
            return connection;
        }
    }

    /** A connection whose backend a test stopped is closed, and the pool lets it go without returning it. */
    private static boolean closed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
