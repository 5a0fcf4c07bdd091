package io.gridloop.webhook;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.gridloop.shared.idempotency.Idempotent;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.gridloop.webhook.WebhookViews.CreateWebhook;
import io.gridloop.webhook.WebhookViews.Delivery;
import io.gridloop.webhook.WebhookViews.DeliveryStatus;
import io.gridloop.webhook.WebhookViews.NewWebhook;
import io.gridloop.webhook.WebhookViews.Webhook;
import io.quarkus.security.Authenticated;

@Path("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Signed (Standard Webhooks) notices of ticket events to other systems, through an outbox")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed(value = { Role.DISTRICT_ADMIN, Role.INTEGRATION }, apiKeys = true)
public class WebhookResource {

    private final Webhooks webhooks;

    WebhookResource(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Idempotent
    @Operation(summary = "Subscribe a URL to ticket events; the signing secret is shown in this answer only",
            description = "A district admin's subscription hears of every ticket of the district; an integration key's, of"
                    + " the tickets that key filed. Each delivery is a POST with the headers webhook-id, webhook-timestamp and"
                    + " webhook-signature (`v1,` + Base64 HMAC-SHA256 of `id.timestamp.body` under the secret's key).")
    public RestResponse<NewWebhook> create(@HeaderParam(Idempotent.HEADER) String idempotencyKey,
            @Valid @NotNull CreateWebhook request) {
        NewWebhook webhook = webhooks.create(request);
        return Responses.created("/api/v1/webhooks/" + webhook.id(), webhook);
    }

    @GET
    @Operation(summary = "The subscriptions the caller may see (never their secrets)")
    public Page<Webhook> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return webhooks.list(limit, cursor);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Unsubscribe; deliveries not yet made are dropped")
    public RestResponse<Void> delete(@PathParam("id") long id) {
        webhooks.delete(id);
        return RestResponse.noContent();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The subscription's deliveries, newest first: attempts, the last status, latency and answer excerpt",
            description = "status=DEAD lists the dead letters: deliveries that failed for the whole retry horizon.")
    public Page<Delivery> deliveries(@PathParam("id") long id, @QueryParam("status") DeliveryStatus status,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return webhooks.deliveries(id, status, limit, cursor);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Allowed(Role.DISTRICT_ADMIN)
    @Operation(summary = "Send a delivery again (a dead letter, or one the receiver lost), with a fresh retry horizon")
    public Delivery redeliver(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId,
            @Valid WebhookViews.Redelivery request) {
        return webhooks.redeliver(id, deliveryId);
    }
}
