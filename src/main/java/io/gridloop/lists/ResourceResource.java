package io.gridloop.lists;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.gridloop.lists.ResourceViews.NewResource;
import io.gridloop.lists.ResourceViews.ResourceChange;
import io.gridloop.lists.ResourceViews.ResourceView;
import io.gridloop.shared.idempotency.Idempotent;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.quarkus.security.Authenticated;

/** The offers on a community's resource list (资源清单). */
@Path("/api/v1/resources")
@Tag(name = "Engagement", description = "Micro-wishes, points, the points store (SPEC §1.9)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed
public class ResourceResource {

    private static final String OFFERERS = "a party member registered with the community, a handler of a unit that contacts"
            + " one of its grids, or the community's admin (or the district's), who names the provider";

    private final Resources resources;

    ResourceResource(Resources resources) {
        this.resources = resources;
    }

    @POST
    @Allowed({ Role.PARTY_MEMBER, Role.UNIT_HANDLER, Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN })
    @Idempotent
    @Operation(summary = "Offer something to a community's resource list",
            description = "By " + OFFERERS + ". A community the caller may not offer to is 422 on communityId.")
    public RestResponse<ResourceView> offer(@HeaderParam(Idempotent.HEADER) String idempotencyKey,
            @Valid @NotNull NewResource request) {
        ResourceView resource = resources.offer(request);
        return Responses.created("/api/v1/resources/" + resource.id(), resource, resource.version());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An offer: for its community while active, for whoever manages it always")
    public RestResponse<ResourceView> get(@PathParam("id") long id) {
        ResourceView resource = resources.get(id);
        return Responses.tagged(resource, resource.version());
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change an offer (If-Match): the fields sent change, the others stay",
            description = "By the account that offered it, the offering unit's handlers and the community's admins;"
                    + " an optional text sent empty is cleared. A withdrawn offer is 409.")
    public RestResponse<ResourceView> change(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ResourceChange change) {
        ResourceView resource = resources.change(id, ifMatch, change);
        return Responses.tagged(resource, resource.version());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Withdraw an offer from the list, for good (whoever may change it)")
    public void withdraw(@PathParam("id") long id) {
        resources.withdraw(id);
    }
}
