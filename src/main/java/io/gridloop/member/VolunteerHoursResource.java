package io.gridloop.member;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridloop.member.MemberViews.HoursDecision;
import io.gridloop.member.MemberViews.HoursStatus;
import io.gridloop.member.MemberViews.HoursView;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.quarkus.security.Authenticated;

/** The community admin's side of volunteer hours. */
@Path("/api/v1/volunteer-hours")
@Tag(name = "Members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed
public class VolunteerHoursResource {

    private final VolunteerHours hours;

    VolunteerHoursResource(VolunteerHours hours) {
        this.hours = hours;
    }

    @GET
    @Allowed({ Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN })
    @Operation(summary = "A community's volunteer-hours reports in one status (PENDING unless asked), newest first")
    public Page<HoursView> list(@Parameter(required = true) @QueryParam("communityId") @NotNull Long communityId,
            @QueryParam("status") HoursStatus status,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return hours.list(communityId, status, limit, cursor);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A volunteer-hours report, for its member and the community's admin")
    public HoursView get(@PathParam("id") long id) {
        return hours.get(id);
    }

    @POST
    @Path("/{id}/decision")
    @Allowed({ Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN })
    @Operation(summary = "Approve or reject a pending report (the community's admin); approval pays the points, once",
            description = "Of concurrent decisions one wins; the others are 409 invalid-transition and pay nothing.")
    public HoursView decide(@PathParam("id") long id, @Valid @NotNull HoursDecision request) {
        return hours.decide(id, request);
    }
}
