package io.gridloop.lists;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridloop.lists.ListViews.ServiceView;
import io.gridloop.lists.ListViews.ThreeLists;
import io.gridloop.lists.ResourceViews.ResourceKind;
import io.gridloop.lists.ResourceViews.ResourceView;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.Messages;
import io.gridloop.shared.security.Allowed;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.WishView;
import io.quarkus.security.Authenticated;

/** A community's three lists (三张清单): for everyone who belongs to the community; another community is not found. */
@Path("/api/v1/lists/{communityId}")
@Tag(name = "Engagement", description = "Micro-wishes, points, the points store (SPEC §1.9)")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed
public class ListsResource {

    private final ThreeListsService lists;

    ListsResource(ThreeListsService lists) {
        this.lists = lists;
    }

    @GET
    @Operation(summary = "A community's three lists (三张清单) at a glance: the first page of each",
            description = "Resources (what units and party members offer), needs (open tickets and wishes, the resident"
                    + " anonymised as on the wish wall; a resident's own affair, matter class PERSONAL, is not listed) and"
                    + " services (the catalogue). Each list goes on at its own path with its nextCursor.")
    public ThreeLists all(@PathParam("communityId") long communityId,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        return lists.all(communityId, limit, Messages.localeOf(language));
    }

    @GET
    @Path("/resources")
    @Operation(summary = "The resource list (资源清单): active offers of units and party members, newest first")
    public Page<ResourceView> resources(@PathParam("communityId") long communityId, @QueryParam("kind") ResourceKind kind,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return lists.resources(communityId, kind, limit, cursor);
    }

    @GET
    @Path("/needs")
    @Operation(summary = "The needs list (需求清单): open tickets and wishes, anonymised, newest first",
            description = "Filed and not yet closed, cancelled or rejected; not a resident's own affair (PERSONAL). No"
                    + " reporter, no phone, no coordinates; the address only up to the building.")
    public Page<WishView> needs(@PathParam("communityId") long communityId, @QueryParam("kind") Kind kind,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return lists.needs(communityId, kind, limit, cursor);
    }

    @GET
    @Path("/services")
    @Operation(summary = "The service list (服务清单): the active categories of the catalogue; `name` follows Accept-Language")
    public Page<ServiceView> services(@PathParam("communityId") long communityId,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        return lists.services(communityId, limit, cursor, Messages.localeOf(language));
    }
}
