package io.gridloop.bench;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The units of work on one instance, as the demo district's people: a filing by a resident, and a
 * whole loop on one ticket.
 */
final class Workload {

    /** The requests of one loop, in order; also the names their latencies are recorded under. */
    static final List<String> LOOP_ACTIONS = List.of("file", "triage", "dispatch", "claim", "start", "resolve", "feedback");

    static final byte[] FILING = Api.json(Bodies.GARBAGE);
    private static final byte[] TRIAGE = Api.json(Bodies.MINOR);
    private static final byte[] DISPATCH = Api.json(Bodies.TO_POOL);
    private static final byte[] RESOLVE = Api.json(Bodies.RESOLVED);
    private static final byte[] FEEDBACK = Api.json(Bodies.SATISFIED);

    private final Api api;
    final Session resident1;
    final Session resident2;
    private final Session leader;
    private final List<Session> claimers;

    /** Signs in resident1, resident2, leader1, party1, party2 and gridmember1, once. */
    Workload(Api api) {
        this.api = api;
        this.resident1 = api.login("resident1");
        this.resident2 = api.login("resident2");
        this.leader = api.login("leader1");
        this.claimers = List.of(api.login("party1"), api.login("party2"), api.login("gridmember1"));
    }

    private Session reporter(int worker) {
        return worker % 2 == 0 ? resident1 : resident2;
    }

    /** One filing, as resident1 or resident2 by the worker's parity. */
    boolean file(int worker, Recorder recorder) {
        return api.call(recorder, "file", reporter(worker), "/api/v1/tickets", FILING, 201) != null;
    }

    /** One whole loop: file, triage MINOR, dispatch to the pool, claim, start, resolve, feedback SATISFIED (closes it). */
    boolean loop(int worker, Recorder recorder) {
        Session reporter = reporter(worker);
        Session claimer = claimers.get(worker % claimers.size());
        JsonNode filed = api.call(recorder, "file", reporter, "/api/v1/tickets", FILING, 201);
        if (filed == null) {
            return false;
        }
        String ticket = "/api/v1/tickets/" + filed.path("id").asLong();
        return api.call(recorder, "triage", leader, ticket + "/triage", TRIAGE, 200) != null
                && api.call(recorder, "dispatch", leader, ticket + "/dispatch", DISPATCH, 200) != null
                && api.call(recorder, "claim", claimer, ticket + "/claim", Api.NO_BODY, 200) != null
                && api.call(recorder, "start", claimer, ticket + "/start", Api.NO_BODY, 200) != null
                && api.call(recorder, "resolve", claimer, ticket + "/resolve", RESOLVE, 200) != null
                && api.call(recorder, "feedback", reporter, ticket + "/feedback", FEEDBACK, 200) != null;
    }

    /** Half the workers file, half run whole loops: what the warm-ups run. */
    boolean mixed(int worker, Recorder recorder) {
        return worker % 2 == 0 ? file(worker, recorder) : loop(worker, recorder);
    }
}
