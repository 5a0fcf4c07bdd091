package io.gridloop.support;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionScoped;

/**
 * Which requests began a transaction: Quarkus tells the observers of {@code @Initialized(TransactionScoped.class)} of
 * every transaction it begins, and this one notes the HTTP request under way ({@link RequestsNoted}).
 */
@ApplicationScoped
public class TransactionsBegun {

    private static final RequestsNoted REQUESTS = new RequestsNoted();

    void begun(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        REQUESTS.noteCurrent();
    }

    /** Forgets the requests noted so far. */
    public static void clear() {
        REQUESTS.clear();
    }

    /** The requests that began a transaction since {@link #clear()}, one entry per transaction. */
    public static List<String> requests() {
        return REQUESTS.requests();
    }
}
