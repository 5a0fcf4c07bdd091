package io.gridloop.points;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import io.gridloop.points.PointsViews.PointsBalance;
import io.gridloop.points.PointsViews.LedgerEntry;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;

/** The caller's own points: the balance and the ledger it is the sum of. */
@ApplicationScoped
class PointsLedger {

    private final EntityManager entityManager;
    private final Caller caller;
    private final Points points;

    PointsLedger(EntityManager entityManager, Caller caller, Points points) {
        this.entityManager = entityManager;
        this.caller = caller;
        this.points = points;
    }

    PointsBalance balance() {
        long me = me();
        return new PointsBalance(me, points.balance(caller.districtId(), me));
    }

    /** Newest first, on the (account, id) index. */
    Page<LedgerEntry> page(int limit, String cursor) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("""
                SELECT id, amount, cause, cause_ref, created_at FROM points_entry
                 WHERE account_id = :me AND district_id = :district AND id < :before
                 ORDER BY id DESC LIMIT :limit""", Tuple.class)
                .setParameter("me", me())
                .setParameter("district", caller.districtId())
                .setParameter("before", Cursors.before(cursor))
                .setParameter("limit", limit + 1)
                .getResultList();
        return Page.of(rows, limit, r -> r.get("id", Long.class), PointsLedger::entry);
    }

    private static LedgerEntry entry(Tuple row) {
        PointsCause cause = PointsCause.valueOf(row.get("cause", String.class));
        long ref = row.get("cause_ref", Long.class);
        return new LedgerEntry(row.get("id", Long.class), row.get("amount", Integer.class), cause, cause.byTicket() ? ref : null,
                cause.byRedemption() ? ref : null, cause == PointsCause.VOLUNTEER_HOURS ? ref : null,
                cause == PointsCause.LEADER_COMMENT ? ref : null, row.get("created_at", Instant.class).atOffset(ZoneOffset.UTC));
    }

    /** Points belong to accounts; an integration's API key has none. */
    private long me() {
        long me = caller.accountId();
        if (me == 0) {
            throw ProblemException.forbidden();
        }
        return me;
    }
}
