package io.gridloop.shared.sql;

import java.util.function.Supplier;

import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * For statements whose best plan depends on the values bound to them: a status list against a partial
 * index (the deadline scans, nearby), a search term's frequency, a region's size. pgjdbc prepares a
 * statement on the server after five uses, and PostgreSQL may then keep one generic plan for every value;
 * a generic plan cannot use an index whose predicate names statuses, so on 1,000,000 tickets the
 * auto-close scan read the whole table (5.5 s) instead of a few index entries (0.3 ms). Such statements
 * are planned for their values, in the caller's transaction only; the planning costs a fraction of a
 * millisecond.
 */
public final class CustomPlans {

    private CustomPlans() {
    }

    /** Plans the rest of the caller's transaction's statements for their values (it needs one). */
    public static void forThisTransaction(EntityManager entityManager) {
        entityManager.createNativeQuery("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)").getSingleResult();
    }

    /** Reads with statements planned for their values, in the caller's transaction or, for a plain read, one of its own. */
    public static <T> T read(EntityManager entityManager, Supplier<T> reads) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            forThisTransaction(entityManager);
            return reads.get();
        });
    }
}
