package io.gridloop.region;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.gridloop.region.RegionRequests.CreateRegion;
import io.gridloop.region.RegionRequests.CreateUnit;
import io.gridloop.region.RegionRequests.UnitView;
import io.gridloop.region.RegionRequests.UpdateRegion;
import io.gridloop.shared.idempotency.Idempotent;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.quarkus.security.Authenticated;

@Path("/api/v1")
@Tag(name = "Regions", description = "The district's tree of streets, communities and grids, and its contact units")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed(apiKeys = true)
public class RegionResource {

    private final RegionService regions;

    RegionResource(RegionService regions) {
        this.regions = regions;
    }

    @GET
    @Path("/regions")
    @Operation(summary = "List the regions of the caller's district, optionally the children of one region")
    public Page<RegionView> list(@QueryParam("parentId") Long parentId, @QueryParam("type") RegionType type,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return regions.list(parentId, type, limit, cursor);
    }

    @GET
    @Path("/regions/{id}")
    @Operation(summary = "Read a region")
    public RestResponse<RegionView> get(@PathParam("id") long id) {
        RegionView region = regions.get(id);
        return Responses.tagged(region, region.version());
    }

    @POST
    @Path("/regions")
    @Allowed(Role.DISTRICT_ADMIN)
    @Idempotent
    @Operation(summary = "Add a street, community or grid under a region of the district")
    public RestResponse<RegionView> create(@HeaderParam(Idempotent.HEADER) String idempotencyKey,
            @Valid @NotNull CreateRegion request) {
        RegionView region = regions.create(request);
        return Responses.created("/api/v1/regions/" + region.id(), region, region.version());
    }

    @PUT
    @Path("/regions/{id}")
    @Allowed(Role.DISTRICT_ADMIN)
    @Operation(summary = "Change a region (If-Match required)")
    public RestResponse<RegionView> update(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull UpdateRegion request) {
        RegionView region = regions.update(id, ifMatch, request);
        return Responses.tagged(region, region.version());
    }

    @GET
    @Path("/grids/locate")
    @Operation(summary = "Find the grid whose boundary contains a point")
    @APIResponse(responseCode = "200", description = "The grid",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegionView.class)))
    @APIResponse(responseCode = "404", description = "No grid of the district contains the point")
    public RegionView locate(@QueryParam("lat") @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @QueryParam("lng") @NotNull @DecimalMin("-180") @DecimalMax("180") Double lng) {
        return regions.locateGrid(lat, lng).orElseThrow(ProblemException::notFound);
    }

    @GET
    @Path("/units")
    @Operation(summary = "List the contact units of the caller's district")
    public Page<UnitView> units(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return regions.listUnits(limit, cursor);
    }

    @POST
    @Path("/units")
    @Allowed(Role.DISTRICT_ADMIN)
    @Idempotent
    @Operation(summary = "Add a contact unit")
    public RestResponse<UnitView> createUnit(@HeaderParam(Idempotent.HEADER) String idempotencyKey,
            @Valid @NotNull CreateUnit request) {
        UnitView unit = regions.createUnit(request);
        return Responses.created("/api/v1/units/" + unit.id(), unit);
    }
}
