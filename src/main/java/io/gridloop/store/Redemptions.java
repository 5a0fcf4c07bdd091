package io.gridloop.store;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.gridloop.points.Points;
import io.gridloop.region.Regions;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Caller;
import io.gridloop.store.StoreViews.RedeemRequest;
import io.gridloop.store.StoreViews.RedemptionStatus;
import io.gridloop.store.StoreViews.RedemptionView;

/**
 * Redeeming points for goods, settled in the database in one transaction: the stock is taken only
 * where it suffices (a conditional UPDATE, so concurrent redeemers of the last pieces queue on the
 * item's row and each sees the stock the one before left), then the points only where the balance
 * covers them ({@link Points#spend}); if either fails, 409 and the transaction leaves nothing behind.
 * Locks are always taken in the order redemption, item, balance, so redeeming and cancelling never
 * deadlock each other.
 */
@ApplicationScoped
class Redemptions {

    private static final String COLUMNS = """
            r.id, r.item_id, r.community_id, r.account_id, r.quantity, r.points, r.status, r.created_at, r.decided_at""";

    private final EntityManager entityManager;
    private final Caller caller;
    private final StoreItems items;
    private final Regions regions;
    private final Points points;
    private final Clock clock;

    Redemptions(EntityManager entityManager, Caller caller, StoreItems items, Regions regions, Points points, Clock clock) {
        this.entityManager = entityManager;
        this.caller = caller;
        this.items = items;
        this.regions = regions;
        this.points = points;
        this.clock = clock;
    }

    @Transactional
    RedemptionView redeem(RedeemRequest request) {
        long me = me();
        items.row(request.itemId()).filter(r -> caller.belongsTo(r.get("community_path", String.class)))
                .orElseThrow(() -> ProblemException.unprocessable(List.of(new Problem.Violation("itemId", "store.unknown-item")),
                        "store.unknown-item"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        @SuppressWarnings("unchecked")
        List<Tuple> taken = entityManager.createNativeQuery("""
                UPDATE store_item SET stock = stock - :quantity, version = version + 1, updated_at = :now
                 WHERE id = :item AND active AND stock >= :quantity
                RETURNING price, community_id""", Tuple.class)
                .setParameter("quantity", request.quantity())
                .setParameter("now", now)
                .setParameter("item", request.itemId())
                .getResultList();
        if (taken.isEmpty()) {
            throw new ProblemException(ProblemType.OUT_OF_STOCK, "out-of-stock.detail");
        }
        int cost = taken.get(0).get("price", Integer.class) * request.quantity();
        long id = ((Number) entityManager.createNativeQuery("""
                INSERT INTO store_redemption (district_id, community_id, item_id, account_id, quantity, points, status, created_at)
                VALUES (:district, :community, :item, :me, :quantity, :points, 'PENDING', :now) RETURNING id""")
                .setParameter("district", caller.districtId())
                .setParameter("community", taken.get(0).get("community_id", Long.class))
                .setParameter("item", request.itemId())
                .setParameter("me", me)
                .setParameter("quantity", request.quantity())
                .setParameter("points", cost)
                .setParameter("now", now)
                .getSingleResult()).longValue();
        if (!points.spend(caller.districtId(), me, cost, id, now)) {
            throw new ProblemException(ProblemType.INSUFFICIENT_POINTS, "insufficient-points.detail");
        }
        return visible(id).orElseThrow();
    }

    /** The caller's own redemptions, or (communityId) all of a community the caller manages; newest first. */
    Page<RedemptionView> list(Long communityId, int limit, String cursor) {
        String filter;
        long value;
        if (communityId == null) {
            filter = "r.account_id = :value";
            value = me();
        } else {
            regions.communityPath(caller.districtId(), communityId).filter(p -> caller.covers(p, StoreItems.MANAGERS))
                    .orElseThrow(ProblemException::notFound);
            filter = "r.community_id = :value";
            value = communityId;
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT " + COLUMNS + " FROM store_redemption r WHERE " + filter
                + " AND r.district_id = :district AND r.id < :before ORDER BY r.id DESC LIMIT :limit", Tuple.class)
                .setParameter("value", value)
                .setParameter("district", caller.districtId())
                .setParameter("before", Cursors.before(cursor))
                .setParameter("limit", limit + 1)
                .getResultList();
        return Page.of(rows, limit, r -> r.get("id", Long.class), Redemptions::view);
    }

    RedemptionView get(long id) {
        return visible(id).orElseThrow(ProblemException::notFound);
    }

    /** The admin hands the goods over. */
    @Transactional
    RedemptionView fulfil(long id) {
        Tuple redemption = lockVisible(id);
        if (!managesCommunityOf(redemption)) {
            throw ProblemException.forbidden();
        }
        decide(redemption, RedemptionStatus.FULFILLED);
        return visible(id).orElseThrow();
    }

    /** The redeemer or the admin calls it off before fulfilment: the stock and the points come back. */
    @Transactional
    RedemptionView cancel(long id) {
        Tuple redemption = lockVisible(id);
        decide(redemption, RedemptionStatus.CANCELLED);
        OffsetDateTime now = OffsetDateTime.now(clock);
        entityManager.createNativeQuery("""
                UPDATE store_item SET stock = stock + :quantity, version = version + 1, updated_at = :now WHERE id = :item""")
                .setParameter("quantity", redemption.get("quantity", Integer.class))
                .setParameter("now", now)
                .setParameter("item", redemption.get("item_id", Long.class))
                .executeUpdate();
        points.refund(caller.districtId(), redemption.get("account_id", Long.class), redemption.get("points", Integer.class),
                id, now);
        return visible(id).orElseThrow();
    }

    private void decide(Tuple redemption, RedemptionStatus to) {
        if (!RedemptionStatus.PENDING.name().equals(redemption.get("status", String.class))) {
            throw new ProblemException(ProblemType.INVALID_TRANSITION, "invalid-transition.detail");
        }
        entityManager.createNativeQuery("""
                UPDATE store_redemption SET status = :status, decided_at = :now, decided_by = :me WHERE id = :id""")
                .setParameter("status", to.name())
                .setParameter("now", OffsetDateTime.now(clock))
                .setParameter("me", caller.accountId())
                .setParameter("id", redemption.get("id", Long.class))
                .executeUpdate();
    }

    /** The redemption locked to the end of the transaction, if the caller redeemed it or manages its community. */
    private Tuple lockVisible(long id) {
        return find(id, " FOR UPDATE OF r").orElseThrow(ProblemException::notFound);
    }

    private Optional<RedemptionView> visible(long id) {
        return find(id, "").map(Redemptions::view);
    }

    private Optional<Tuple> find(long id, String lock) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT " + COLUMNS + ", i.community_path"
                + " FROM store_redemption r JOIN store_item i ON i.id = r.item_id WHERE r.id = :id AND r.district_id = :district"
                + lock, Tuple.class)
                .setParameter("id", id).setParameter("district", caller.districtId()).getResultList();
        return rows.stream().filter(r -> r.get("account_id", Long.class) == caller.accountId() || managesCommunityOf(r))
                .findFirst();
    }

    private boolean managesCommunityOf(Tuple redemption) {
        return caller.covers(redemption.get("community_path", String.class), StoreItems.MANAGERS);
    }

    private static RedemptionView view(Tuple r) {
        return new RedemptionView(r.get("id", Long.class), r.get("item_id", Long.class), r.get("community_id", Long.class),
                r.get("account_id", Long.class), r.get("quantity", Integer.class), r.get("points", Integer.class),
                RedemptionStatus.valueOf(r.get("status", String.class)), utc(r.get("created_at", Instant.class)),
                utc(r.get("decided_at", Instant.class)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Points belong to accounts; an integration's API key redeems nothing. */
    private long me() {
        long me = caller.accountId();
        if (me == 0) {
            throw ProblemException.forbidden();
        }
        return me;
    }
}
