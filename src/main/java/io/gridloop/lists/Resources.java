package io.gridloop.lists;

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

import io.gridloop.lists.ResourceViews.NewResource;
import io.gridloop.lists.ResourceViews.ResourceChange;
import io.gridloop.lists.ResourceViews.ResourceKind;
import io.gridloop.lists.ResourceViews.ResourceStatus;
import io.gridloop.lists.ResourceViews.ResourceView;
import io.gridloop.region.Regions;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.privacy.PersonalData;
import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Versions;

/**
 * The resource list (资源清单): what party members and units offer a community. A member offers to the
 * community they are registered with, a unit's handler to a community whose grids the unit contacts,
 * and the community's admin (or the district's) enters offers for anyone. The offer is managed by the
 * account that offered it, by the handlers of the offering unit and by the community's admins;
 * everyone who belongs to the community sees it while it is active. Its contact phone is shown
 * unmasked only to the account that offered it (SPEC §1.2).
 */
@ApplicationScoped
public class Resources {

    static final Role[] MANAGERS = { Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN };
    private static final String COLUMNS = """
            id, community_id, community_path, offered_by, unit_id, provider, kind, title, description, capacity, availability,
            contact_name, contact_phone, status, version, created_at, updated_at""";

    private final EntityManager entityManager;
    private final Caller caller;
    private final Regions regions;
    private final Clock clock;

    Resources(EntityManager entityManager, Caller caller, Regions regions, Clock clock) {
        this.entityManager = entityManager;
        this.caller = caller;
        this.regions = regions;
        this.clock = clock;
    }

    /** Who offers, decided from the caller's bindings in the community: admin, member, or a unit serving it. */
    private record Offerer(Long unitId, String defaultProvider) {
    }

    @Transactional
    public ResourceView offer(NewResource request) {
        long me = me();
        Optional<String> community = regions.communityPath(caller.districtId(), request.communityId());
        Offerer offerer = community.flatMap(this::offerer).orElseThrow(() -> ProblemException.unprocessable(
                List.of(new Problem.Violation("communityId", "resource.unknown-community")), "resource.unknown-community"));
        requireText("provider", request.provider());
        String provider = request.provider() != null ? request.provider().strip() : offerer.defaultProvider();
        if (provider == null) {
            throw ProblemException.invalidField("provider", "resource.provider-required");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = ((Number) entityManager.createNativeQuery("""
                INSERT INTO community_resource (district_id, community_id, community_path, offered_by, unit_id, provider, kind, title,
                                                description, capacity, availability, contact_name, contact_phone, created_at,
                                                updated_at)
                VALUES (:district, :community, :path, :me, CAST(:unit AS bigint), :provider, :kind, :title, CAST(:description AS text),
                        CAST(:capacity AS text), CAST(:availability AS text), CAST(:contactName AS text),
                        CAST(:contactPhone AS text), :now, :now) RETURNING id""")
                .setParameter("district", caller.districtId())
                .setParameter("community", request.communityId())
                .setParameter("path", community.orElseThrow())
                .setParameter("me", me)
                .setParameter("unit", offerer.unitId())
                .setParameter("provider", provider)
                .setParameter("kind", request.kind().name())
                .setParameter("title", request.title().strip())
                .setParameter("description", blankToNull(request.description()))
                .setParameter("capacity", blankToNull(request.capacity()))
                .setParameter("availability", blankToNull(request.availability()))
                .setParameter("contactName", blankToNull(request.contactName()))
                .setParameter("contactPhone", blankToNull(request.contactPhone()))
                .setParameter("now", now)
                .getSingleResult()).longValue();
        return view(row(id).orElseThrow());
    }

    /**
     * Whether the caller may offer to the community, and as whom: its admin enters offers for anyone (and names
     * them), a member registered with it offers as themself, a unit serving it as the unit.
     */
    private Optional<Offerer> offerer(String communityPath) {
        if (caller.covers(communityPath, MANAGERS)) {
            return Optional.of(new Offerer(null, null));
        }
        if (caller.covers(communityPath, Role.PARTY_MEMBER)) {
            return Optional.of(new Offerer(null, caller.name()));
        }
        return caller.bindings().stream().filter(b -> b.role() == Role.UNIT_HANDLER && b.unitId() != null)
                .map(Binding::unitId).filter(unit -> regions.unitServes(unit, communityPath)).findFirst()
                .map(unit -> new Offerer(unit, regions.unitName(caller.districtId(), unit).orElseThrow()));
    }

    /** An offer: its community sees it while it is active, its managers always; anyone else gets 404. */
    public ResourceView get(long id) {
        return row(id).filter(r -> manages(r) || ResourceStatus.ACTIVE.name().equals(r.get("status", String.class))
                && caller.belongsTo(r.get("community_path", String.class))).map(this::view)
                .orElseThrow(ProblemException::notFound);
    }

    @Transactional
    public ResourceView change(long id, String ifMatch, ResourceChange change) {
        Tuple resource = managed(id);
        requireText("title", change.title());
        requireText("provider", change.provider());
        long version = resource.get("version", Long.class);
        Versions.requireMatch(ifMatch, version);
        if (!ResourceStatus.ACTIVE.name().equals(resource.get("status", String.class))) {
            throw new ProblemException(ProblemType.INVALID_TRANSITION, "resource.withdrawn");
        }
        int written = entityManager.createNativeQuery("""
                UPDATE community_resource
                   SET kind = coalesce(CAST(:kind AS text), kind), title = coalesce(CAST(:title AS text), title),
                       provider = coalesce(CAST(:provider AS text), provider),
                       description = nullif(coalesce(CAST(:description AS text), description), ''),
                       capacity = nullif(coalesce(CAST(:capacity AS text), capacity), ''),
                       availability = nullif(coalesce(CAST(:availability AS text), availability), ''),
                       contact_name = nullif(coalesce(CAST(:contactName AS text), contact_name), ''),
                       contact_phone = nullif(coalesce(CAST(:contactPhone AS text), contact_phone), ''),
                       version = version + 1, updated_at = :now
                 WHERE id = :id AND version = :version""")
                .setParameter("kind", change.kind() == null ? null : change.kind().name())
                .setParameter("title", change.title() == null ? null : change.title().strip())
                .setParameter("provider", change.provider() == null ? null : change.provider().strip())
                .setParameter("description", change.description())
                .setParameter("capacity", change.capacity())
                .setParameter("availability", change.availability())
                .setParameter("contactName", change.contactName())
                .setParameter("contactPhone", change.contactPhone())
                .setParameter("now", OffsetDateTime.now(clock))
                .setParameter("id", id)
                .setParameter("version", version)
                .executeUpdate();
        if (written == 0) {
            throw new ProblemException(ProblemType.CONCURRENT_CHANGE, "concurrent-change.detail");
        }
        return view(row(id).orElseThrow());
    }

    /** Takes the offer off the list, for good; withdrawing it again changes nothing. */
    @Transactional
    public void withdraw(long id) {
        managed(id);
        entityManager.createNativeQuery("""
                UPDATE community_resource SET status = 'WITHDRAWN', version = version + 1, updated_at = :now
                 WHERE id = :id AND status = 'ACTIVE'""")
                .setParameter("now", OffsetDateTime.now(clock)).setParameter("id", id).executeUpdate();
    }

    /** A community's active offers, newest first, optionally of one kind; the caller's membership is checked by the list. */
    Page<ResourceView> list(long communityId, ResourceKind kind, int limit, String cursor) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT " + COLUMNS + " FROM community_resource"
                + " WHERE community_id = :community AND district_id = :district AND status = 'ACTIVE'"
                + " AND (CAST(:kind AS text) IS NULL OR kind = :kind) AND id < :before ORDER BY id DESC LIMIT :limit", Tuple.class)
                .setParameter("community", communityId)
                .setParameter("district", caller.districtId())
                .setParameter("kind", kind == null ? null : kind.name())
                .setParameter("before", Cursors.before(cursor))
                .setParameter("limit", limit + 1)
                .getResultList();
        return Page.of(rows, limit, r -> r.get("id", Long.class), this::view);
    }

    /** The offer, if the caller manages it (else 404, or 403 for one they see but may not change). */
    private Tuple managed(long id) {
        Tuple resource = row(id).filter(r -> manages(r) || caller.belongsTo(r.get("community_path", String.class)))
                .orElseThrow(ProblemException::notFound);
        if (!manages(resource)) {
            throw ProblemException.forbidden();
        }
        return resource;
    }

    private boolean manages(Tuple resource) {
        Long unit = resource.get("unit_id", Long.class);
        return resource.get("offered_by", Long.class) == caller.accountId()
                || caller.covers(resource.get("community_path", String.class), MANAGERS)
                || unit != null && caller.bindings().stream().anyMatch(b -> b.role() == Role.UNIT_HANDLER && unit.equals(b.unitId()));
    }

    private Optional<Tuple> row(long id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT " + COLUMNS
                + " FROM community_resource WHERE id = :id AND district_id = :district", Tuple.class)
                .setParameter("id", id).setParameter("district", caller.districtId()).getResultList();
        return rows.stream().findFirst();
    }

    private ResourceView view(Tuple r) {
        String phone = r.get("contact_phone", String.class);
        boolean own = r.get("offered_by", Long.class) == caller.accountId();
        return new ResourceView(r.get("id", Long.class), r.get("community_id", Long.class),
                ResourceKind.valueOf(r.get("kind", String.class)), r.get("title", String.class), r.get("description", String.class),
                r.get("capacity", String.class), r.get("availability", String.class), r.get("provider", String.class),
                r.get("unit_id", Long.class), r.get("contact_name", String.class), own ? phone : PersonalData.maskedPhone(phone),
                ResourceStatus.valueOf(r.get("status", String.class)), r.get("version", Long.class),
                utc(r.get("created_at", Instant.class)), utc(r.get("updated_at", Instant.class)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A required text may be left out of a change, but not sent blank. */
    private static void requireText(String field, String value) {
        if (value != null && value.isBlank()) {
            throw ProblemException.invalidField(field, "resource.blank");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** Offers belong to accounts; an integration's API key offers nothing. */
    private long me() {
        long me = caller.accountId();
        if (me == 0) {
            throw ProblemException.forbidden();
        }
        return me;
    }
}
