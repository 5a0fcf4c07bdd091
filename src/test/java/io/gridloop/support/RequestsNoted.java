package io.gridloop.support;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP requests under way when something a probe watches happened ("POST /api/v1/tickets/12/claim"), one entry each
 * time; the scheduled jobs' and the tests' own work runs in no request and is not noted.
 */
public final class RequestsNoted {

    private final Queue<String> requests = new ConcurrentLinkedQueue<>();

    /** Notes the request under way, if any. */
    public void noteCurrent() {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return;
        }
        RoutingContext request = container.instance(CurrentVertxRequest.class).get().getCurrent();
        if (request != null) {
            requests.add(request.request().method() + " " + request.normalizedPath());
        }
    }

    /** Forgets the requests noted so far. */
    public void clear() {
        requests.clear();
    }

    /** The requests noted since {@link #clear()}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }
}
