package io.gridloop.bench;

import java.util.List;

/**
 * What one measured phase comes to, per request: rate, latency percentiles, and the CPU and SQL
 * statements each request cost the service JVM and PostgreSQL.
 */
record Figures(Phase.Result phase, Latencies latencies, List<Database.Statement> statements) {

    static Figures of(Phase.Result phase, List<String> actions, List<Database.Statement> statements) {
        return new Figures(phase, phase.recorder().latencies(actions), statements);
    }

    /** Successful requests: a failed one is counted apart and is not in the latencies. */
    long requests() {
        return latencies.count();
    }

    double requestsPerSecond() {
        return requests() / phase.seconds();
    }

    double jvmMsPerRequest() {
        return phase.cpu().serviceMsPer(requests());
    }

    /** Of {@link #jvmMsPerRequest}, what the JIT compiler threads used. */
    double jitMsPerRequest() {
        return phase.cpu().serviceJitMsPer(requests());
    }

    double postgresMsPerRequest() {
        return phase.cpu().postgresMsPer(requests());
    }

    double statementsPerRequest() {
        return requests() == 0 ? Double.NaN : (double) Database.calls(statements) / requests();
    }
}
