package io.gridloop.points;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.gridloop.points.PointsViews.PointsBalance;
import io.gridloop.points.PointsViews.LedgerEntry;
import io.gridloop.points.PointsViews.PointsRulesChange;
import io.gridloop.points.PointsViews.PointsRulesView;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.quarkus.security.Authenticated;

@Path("/api/v1/points")
@Tag(name = "Engagement", description = "Micro-wishes, points, the points store (SPEC §1.9)")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed
public class PointsResource {

    private final PointsLedger ledger;
    private final PointsRules rules;

    PointsResource(PointsLedger ledger, PointsRules rules) {
        this.ledger = ledger;
        this.rules = rules;
    }

    @GET
    @Path("/balance")
    @Operation(summary = "The caller's points (幸福币): always the sum of their ledger, never below zero")
    public PointsBalance balance() {
        return ledger.balance();
    }

    @GET
    @Path("/ledger")
    @Operation(summary = "The caller's points ledger, newest first: every award and spending, append-only")
    public Page<LedgerEntry> ledger(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return ledger.page(limit, cursor);
    }

    @GET
    @Path("/rules")
    @Operation(summary = "The district's points rules: what a satisfied ticket and a confirmed wish earn")
    public RestResponse<PointsRulesView> rules() {
        PointsRulesView current = rules.current();
        return Responses.tagged(current, current.version());
    }

    @PUT
    @Path("/rules")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.DISTRICT_ADMIN)
    @Operation(summary = "Replace the district's points rules (If-Match; \"0\" while it uses the defaults)")
    public RestResponse<PointsRulesView> replaceRules(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull PointsRulesChange request) {
        PointsRulesView replaced = rules.replace(ifMatch, request);
        return Responses.tagged(replaced, replaced.version());
    }
}
