package io.gridloop.region;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.gridloop.region.RegionRequests.CreateRegion;
import io.gridloop.region.RegionRequests.CreateUnit;
import io.gridloop.region.RegionRequests.UnitView;
import io.gridloop.region.RegionRequests.UpdateRegion;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.web.ReadOnlyFields;
import io.gridloop.shared.web.Versions;

/** The district tree: regions and units. Everyone signed in reads their own district; its admin changes it. */
@ApplicationScoped
public class RegionService {

    private final Caller caller;
    private final Regions regions;

    RegionService(Caller caller, Regions regions) {
        this.caller = caller;
        this.regions = regions;
    }

    @Transactional
    public RegionView create(CreateRegion request) {
        Region parent = Region.<Region>findByIdOptional(request.parentId())
                .filter(r -> r.districtId == caller.districtId())
                .orElseThrow(() -> ProblemException.invalidField("parentId", "field.not-found"));
        if (parent.type.childType() != request.type()) {
            throw ProblemException.invalidField("type", "field.invalid-parent");
        }
        Region region = new Region();
        region.parentId = parent.id;
        region.type = request.type();
        region.name = request.name().strip();
        applyGridFields(region, request.sizeClass(), request.boundary(), request.contactUnitId());
        requireUniqueName(parent.id, region.name, null);
        region.districtId = parent.districtId;
        region.persist();
        region.flush();
        return RegionView.of(region);
    }

    @Transactional
    public RegionView update(long id, String ifMatch, UpdateRegion request) {
        Region region = visible(id);
        Versions.requireMatch(ifMatch, region.version);
        ReadOnlyFields.unchanged("id", request.id(), region.id);
        ReadOnlyFields.unchanged("parentId", request.parentId(), region.parentId);
        ReadOnlyFields.unchanged("type", request.type(), region.type);
        ReadOnlyFields.unchanged("version", request.version(), region.version);
        String name = request.name().strip();
        if (region.parentId != null) {
            requireUniqueName(region.parentId, name, region.id);
        }
        region.name = name;
        applyGridFields(region, request.sizeClass(), request.boundary(), request.contactUnitId());
        region.flush();
        return RegionView.of(region);
    }

    public RegionView get(long id) {
        return RegionView.of(visible(id));
    }

    public Page<RegionView> list(Long parentId, RegionType type, int limit, String cursor) {
        long after = Cursors.after(cursor);
        StringBuilder query = new StringBuilder("districtId = :district and id > :after");
        var parameters = io.quarkus.panache.common.Parameters.with("district", caller.districtId()).and("after", after);
        if (parentId != null) {
            query.append(" and parentId = :parent");
            parameters = parameters.and("parent", parentId);
        }
        if (type != null) {
            query.append(" and type = :type");
            parameters = parameters.and("type", type);
        }
        List<Region> rows = Region.find(query + " order by id", parameters).page(0, limit + 1).list();
        return Page.of(rows, limit, r -> r.id, RegionView::of);
    }

    /** The grid of the caller's district whose boundary contains the point. */
    public Optional<RegionView> locateGrid(double lat, double lng) {
        return regions.gridContaining(caller.districtId(), lat, lng).flatMap(id -> Region.<Region>findByIdOptional(id)).map(RegionView::of);
    }

    @Transactional
    public UnitView createUnit(CreateUnit request) {
        String name = request.name().strip();
        if (Unit.count("districtId = ?1 and name = ?2", caller.districtId(), name) > 0) {
            throw ProblemException.duplicate("region.unit-name-taken", name);
        }
        Unit unit = new Unit();
        unit.districtId = caller.districtId();
        unit.name = name;
        unit.contactName = request.contactName();
        unit.phone = request.phone();
        unit.persist();
        return UnitView.of(unit);
    }

    public Page<UnitView> listUnits(int limit, String cursor) {
        List<Unit> rows = Unit.find("districtId = ?1 and id > ?2 order by id", caller.districtId(), Cursors.after(cursor))
                .page(0, limit + 1).list();
        return Page.of(rows, limit, u -> u.id, UnitView::of);
    }

    private Region visible(long id) {
        return Region.<Region>findByIdOptional(id)
                .filter(r -> r.districtId == caller.districtId())
                .orElseThrow(ProblemException::notFound);
    }

    private void applyGridFields(Region region, SizeClass sizeClass, java.util.Map<String, Object> boundary, Long contactUnitId) {
        if (region.type != RegionType.GRID) {
            if (sizeClass != null || boundary != null) {
                throw ProblemException.invalidField(sizeClass != null ? "sizeClass" : "boundary", "field.size-class-grid-only");
            }
        } else if (sizeClass == null) {
            throw ProblemException.invalidField("sizeClass", "field.size-class-required");
        }
        if (contactUnitId != null && Unit.count("id = ?1 and districtId = ?2", contactUnitId, caller.districtId()) == 0) {
            throw ProblemException.invalidField("contactUnitId", "field.not-found");
        }
        region.sizeClass = sizeClass;
        region.boundary = Boundary.checked(boundary);
        region.contactUnitId = contactUnitId;
    }

    private static void requireUniqueName(long parentId, String name, Long except) {
        long clashes = except == null
                ? Region.count("parentId = ?1 and name = ?2", parentId, name)
                : Region.count("parentId = ?1 and name = ?2 and id <> ?3", parentId, name, except);
        if (clashes > 0) {
            throw ProblemException.duplicate("region.name-taken", name);
        }
    }
}
