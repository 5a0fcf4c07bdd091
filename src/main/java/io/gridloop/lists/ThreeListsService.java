package io.gridloop.lists;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridloop.catalog.Catalog;
import io.gridloop.lists.ListViews.ServiceView;
import io.gridloop.lists.ListViews.ThreeLists;
import io.gridloop.lists.ResourceViews.ResourceKind;
import io.gridloop.lists.ResourceViews.ResourceView;
import io.gridloop.region.Regions;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.WishView;
import io.gridloop.ticket.WishWall;

/**
 * A community's three lists (三张清单, SPEC §1.9), published to everyone who belongs to it (a role bound
 * in it or over it, as the wish wall); another community is not found. Each list is its owner's:
 * resources here, needs from the ticket feature (anonymised as on the wall), services from the catalogue.
 */
@ApplicationScoped
class ThreeListsService {

    private final Caller caller;
    private final Regions regions;
    private final Resources resources;
    private final WishWall wall;
    private final Catalog catalog;

    ThreeListsService(Caller caller, Regions regions, Resources resources, WishWall wall, Catalog catalog) {
        this.caller = caller;
        this.regions = regions;
        this.resources = resources;
        this.wall = wall;
        this.catalog = catalog;
    }

    ThreeLists all(long communityId, int limit, Locale locale) {
        return new ThreeLists(communityId, resources(communityId, null, limit, null), needs(communityId, null, limit, null),
                services(communityId, limit, null, locale));
    }

    Page<ResourceView> resources(long communityId, ResourceKind kind, int limit, String cursor) {
        requireMember(communityId);
        return resources.list(communityId, kind, limit, cursor);
    }

    Page<WishView> needs(long communityId, Kind kind, int limit, String cursor) {
        return wall.needs(communityId, kind, limit, cursor);
    }

    Page<ServiceView> services(long communityId, int limit, String cursor, Locale locale) {
        requireMember(communityId);
        Page<Catalog.Listed> page = catalog.published(caller.districtId(), limit, cursor);
        return new Page<>(page.items().stream().map(c -> ServiceView.of(c, locale)).toList(), page.nextCursor());
    }

    private void requireMember(long communityId) {
        regions.communityPath(caller.districtId(), communityId).filter(caller::belongsTo).orElseThrow(ProblemException::notFound);
    }
}
