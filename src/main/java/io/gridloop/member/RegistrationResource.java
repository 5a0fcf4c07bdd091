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

import io.gridloop.member.MemberViews.RegistrationDecision;
import io.gridloop.member.MemberViews.RegistrationStatus;
import io.gridloop.member.MemberViews.RegistrationView;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.quarkus.security.Authenticated;

/** The community admin's side of 双报到. */
@Path("/api/v1/member-registrations")
@Tag(name = "Members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed
public class RegistrationResource {

    private final Registrations registrations;

    RegistrationResource(Registrations registrations) {
        this.registrations = registrations;
    }

    @GET
    @Allowed({ Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN })
    @Operation(summary = "A community's registrations in one status (PENDING unless asked), newest first: the admin's list")
    public Page<RegistrationView> list(@Parameter(required = true) @QueryParam("communityId") @NotNull Long communityId,
            @QueryParam("status") RegistrationStatus status,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return registrations.list(communityId, status, limit, cursor);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A registration, for the registrant and the community's admin")
    public RegistrationView get(@PathParam("id") long id) {
        return registrations.get(id);
    }

    @POST
    @Path("/{id}/decision")
    @Allowed({ Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN })
    @Operation(summary = "Confirm or decline a pending registration (the community's admin)",
            description = "Confirmed: the account becomes a PARTY_MEMBER of the community, in the same transaction.")
    public RegistrationView decide(@PathParam("id") long id, @Valid @NotNull RegistrationDecision request) {
        return registrations.decide(id, request);
    }
}
