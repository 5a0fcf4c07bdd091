package io.gridloop.store;

import jakarta.validation.Valid;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.gridloop.shared.idempotency.Idempotent;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.gridloop.store.StoreViews.StoreItemChange;
import io.gridloop.store.StoreViews.StoreItemView;
import io.gridloop.store.StoreViews.NewStoreItem;
import io.gridloop.store.StoreViews.RedeemRequest;
import io.gridloop.store.StoreViews.RedemptionView;
import io.quarkus.security.Authenticated;

@Path("/api/v1/store")
@Tag(name = "Engagement", description = "Micro-wishes, points, the points store (SPEC §1.9)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed
public class StoreResource {

    private final StoreItems items;
    private final Redemptions redemptions;

    StoreResource(StoreItems items, Redemptions redemptions) {
        this.items = items;
        this.redemptions = redemptions;
    }

    @GET
    @Path("/items")
    @Operation(summary = "A community's points store (积分超市): its items and their stock",
            description = "For everyone who belongs to the community; another community is not found.")
    public Page<StoreItemView> items(@Parameter(required = true) @QueryParam("communityId") @NotNull Long communityId,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return items.list(communityId, limit, cursor);
    }

    @POST
    @Path("/items")
    @Allowed({ Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN })
    @Idempotent
    @Operation(summary = "Stock a new item in a community's store (the community's admin)")
    public RestResponse<StoreItemView> create(@HeaderParam(Idempotent.HEADER) String idempotencyKey,
            @Valid @NotNull NewStoreItem request) {
        StoreItemView item = items.create(request);
        return Responses.created("/api/v1/store/items/" + item.id(), item, item.version());
    }

    @PUT
    @Path("/items/{id}")
    @Allowed({ Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN })
    @Operation(summary = "Change an item: name, price, stock, withdrawn or not (If-Match)")
    public RestResponse<StoreItemView> update(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull StoreItemChange request) {
        StoreItemView item = items.update(id, ifMatch, request);
        return Responses.tagged(item, item.version());
    }

    @POST
    @Path("/redemptions")
    @Idempotent
    @Operation(summary = "Redeem points for an item of the caller's community",
            description = "Takes the stock and the points in one transaction, or neither: 409 out-of-stock when fewer pieces"
                    + " are left than asked for, 409 insufficient-points when the balance does not cover price × quantity.")
    public RestResponse<RedemptionView> redeem(@HeaderParam(Idempotent.HEADER) String idempotencyKey,
            @Valid @NotNull RedeemRequest request) {
        RedemptionView redemption = redemptions.redeem(request);
        return Responses.created("/api/v1/store/redemptions/" + redemption.id(), redemption);
    }

    @GET
    @Path("/redemptions")
    @Operation(summary = "The caller's redemptions, or with communityId all of a community the caller manages")
    public Page<RedemptionView> redemptions(@QueryParam("communityId") Long communityId,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return redemptions.list(communityId, limit, cursor);
    }

    @GET
    @Path("/redemptions/{id}")
    @Operation(summary = "A redemption, for its redeemer and the community's admin")
    public RedemptionView redemption(@PathParam("id") long id) {
        return redemptions.get(id);
    }

    @POST
    @Path("/redemptions/{id}/fulfil")
    @Allowed({ Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN })
    @Operation(summary = "Hand the goods over: a pending redemption is fulfilled (the community's admin)")
    public RedemptionView fulfil(@PathParam("id") long id) {
        return redemptions.fulfil(id);
    }

    @POST
    @Path("/redemptions/{id}/cancel")
    @Operation(summary = "Cancel a pending redemption (the redeemer or the community's admin): points and stock come back")
    public RedemptionView cancel(@PathParam("id") long id) {
        return redemptions.cancel(id);
    }
}
