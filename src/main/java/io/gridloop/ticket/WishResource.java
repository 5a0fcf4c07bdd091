package io.gridloop.ticket;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.security.Allowed;
import io.quarkus.security.Authenticated;

/** The micro-wish wall; a wish is filed as a ticket of kind WISH and worked through the ticket actions. */
@Path("/api/v1/wishes")
@Tag(name = "Engagement", description = "Micro-wishes, points, the points store (SPEC §1.9)")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed
public class WishResource {

    private final WishWall wall;

    WishResource(WishWall wall) {
        this.wall = wall;
    }

    @GET
    @Operation(summary = "A community's micro-wish wall (微心愿墙), newest first",
            description = "Public to everyone who belongs to the community (a role bound in it or over it); the resident is"
                    + " anonymised. A wish dispatched to the pool is claimed with POST /api/v1/tickets/{id}/claim, fulfilled"
                    + " with resolve and confirmed by the resident with feedback.")
    public Page<WishView> wall(@Parameter(required = true) @QueryParam("communityId") @NotNull Long communityId,
            @QueryParam("status") TicketStatus status,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return wall.wall(communityId, status, limit, cursor);
    }
}
