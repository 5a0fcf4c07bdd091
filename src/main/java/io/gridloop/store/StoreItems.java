package io.gridloop.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.gridloop.region.Regions;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Versions;
import io.gridloop.store.StoreViews.StoreItemChange;
import io.gridloop.store.StoreViews.StoreItemView;
import io.gridloop.store.StoreViews.NewStoreItem;

/**
 * A community's store shelf: everyone who belongs to the community sees it; its admin (or the
 * district's) stocks it. Edits carry the version (If-Match); a redemption moves the version too.
 */
@ApplicationScoped
class StoreItems {

    static final Role[] MANAGERS = { Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN };
    private static final String COLUMNS = "id, community_id, community_path, name, description, price, stock, active, version";

    private final EntityManager entityManager;
    private final Caller caller;
    private final Regions regions;
    private final Clock clock;

    StoreItems(EntityManager entityManager, Caller caller, Regions regions, Clock clock) {
        this.entityManager = entityManager;
        this.caller = caller;
        this.regions = regions;
        this.clock = clock;
    }

    /** The community's items by id; a community the caller does not belong to is not found. */
    Page<StoreItemView> list(long communityId, int limit, String cursor) {
        regions.communityPath(caller.districtId(), communityId).filter(caller::belongsTo).orElseThrow(ProblemException::notFound);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT " + COLUMNS + " FROM store_item"
                + " WHERE community_id = :community AND district_id = :district AND id > :after ORDER BY id LIMIT :limit",
                Tuple.class)
                .setParameter("community", communityId)
                .setParameter("district", caller.districtId())
                .setParameter("after", Cursors.after(cursor))
                .setParameter("limit", limit + 1)
                .getResultList();
        return Page.of(rows, limit, r -> r.get("id", Long.class), StoreItems::view);
    }

    @Transactional
    StoreItemView create(NewStoreItem request) {
        String path = regions.communityPath(caller.districtId(), request.communityId())
                .filter(p -> caller.covers(p, MANAGERS))
                .orElseThrow(() -> ProblemException.unprocessable(
                        List.of(new Problem.Violation("communityId", "store.unknown-community")), "store.unknown-community"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        Object id = entityManager.createNativeQuery("""
                INSERT INTO store_item (district_id, community_id, community_path, name, description, price, stock, created_at,
                                        updated_at)
                VALUES (:district, :community, :path, :name, :description, :price, :stock, :now, :now) RETURNING id""")
                .setParameter("district", caller.districtId())
                .setParameter("community", request.communityId())
                .setParameter("path", path)
                .setParameter("name", request.name().strip())
                .setParameter("description", request.description() == null ? "" : request.description())
                .setParameter("price", request.price())
                .setParameter("stock", request.stock())
                .setParameter("now", now)
                .getSingleResult();
        return managed(((Number) id).longValue()).map(StoreItems::view).orElseThrow();
    }

    @Transactional
    StoreItemView update(long id, String ifMatch, StoreItemChange request) {
        Tuple item = managed(id).orElseThrow(ProblemException::notFound);
        long version = item.get("version", Long.class);
        Versions.requireMatch(ifMatch, version);
        int written = entityManager.createNativeQuery("""
                UPDATE store_item SET name = :name, description = :description, price = :price, stock = :stock,
                       active = :active, version = version + 1, updated_at = :now
                 WHERE id = :id AND version = :version""")
                .setParameter("name", request.name().strip())
                .setParameter("description", request.description() == null ? "" : request.description())
                .setParameter("price", request.price())
                .setParameter("stock", request.stock())
                .setParameter("active", request.active())
                .setParameter("now", OffsetDateTime.now(clock))
                .setParameter("id", id)
                .setParameter("version", version)
                .executeUpdate();
        if (written == 0) {
            throw new ProblemException(ProblemType.CONCURRENT_CHANGE, "concurrent-change.detail");
        }
        return managed(id).map(StoreItems::view).orElseThrow();
    }

    /** The item, if the caller manages its community. */
    private Optional<Tuple> managed(long id) {
        return row(id).filter(r -> caller.covers(r.get("community_path", String.class), MANAGERS));
    }

    /** The item, if it is one of the caller's district. */
    Optional<Tuple> row(long id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT " + COLUMNS
                + " FROM store_item WHERE id = :id AND district_id = :district", Tuple.class)
                .setParameter("id", id).setParameter("district", caller.districtId()).getResultList();
        return rows.stream().findFirst();
    }

    static StoreItemView view(Tuple r) {
        String description = r.get("description", String.class);
        return new StoreItemView(r.get("id", Long.class), r.get("community_id", Long.class), r.get("name", String.class),
                description == null || description.isEmpty() ? null : description, r.get("price", Integer.class),
                r.get("stock", Integer.class), r.get("active", Boolean.class), r.get("version", Long.class));
    }
}
