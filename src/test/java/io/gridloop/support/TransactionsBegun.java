package io.gridloop.support;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionScoped;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Which requests began a transaction: Quarkus tells the observers of {@code @Initialized(TransactionScoped.class)} of
 * every transaction it begins, and this one notes the HTTP request under way ("POST /api/v1/tickets/12/claim"), if any;
 * transactions of the scheduled jobs and of the tests themselves have none and are not noted.
 */
@ApplicationScoped
public class TransactionsBegun {

    private static final Queue<String> REQUESTS = new ConcurrentLinkedQueue<>();

    void begun(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        ArcContainer container = Arc.container();
        if (!container.requestContext().isActive()) {
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

    /** The requests that began a transaction since {@link #clear()}, one entry per transaction. */
    public static List<String> requests() {
        return List.copyOf(REQUESTS);
    }
}
