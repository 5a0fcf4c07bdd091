package io.gridloop.support;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.hibernate.SessionEventListener;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Which requests opened a Hibernate session: the test profile has Hibernate make one of these for every session it
 * opens ({@code hibernate.session.events.auto}), and it notes the HTTP request under way ("POST /api/v1/tickets/12/claim"),
 * if any; sessions of the scheduled jobs and of the tests themselves have none and are not noted.
 */
public class SessionsOpened implements SessionEventListener {

    private static final Queue<String> REQUESTS = new ConcurrentLinkedQueue<>();

    public SessionsOpened() {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return;
        }
        RoutingContext request = container.instance(CurrentVertxRequest.class).get().getCurrent();
        if (request != null) {
            REQUESTS.add(request.request().method() + " " + request.normalizedPath());
        }
    }

    /** Forgets the requests noted so far. */
    public static void clear() {
        REQUESTS.clear();
    }

    /** The requests that opened a session since {@link #clear()}, one entry per session. */
    public static List<String> requests() {
        return List.copyOf(REQUESTS);
    }
}
