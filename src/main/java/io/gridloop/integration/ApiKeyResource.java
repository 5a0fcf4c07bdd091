package io.gridloop.integration;

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

import io.gridloop.integration.ApiKeyService.ApiKeyView;
import io.gridloop.integration.ApiKeyService.CreateApiKey;
import io.gridloop.integration.ApiKeyService.NewApiKey;
import io.gridloop.shared.idempotency.Idempotent;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.quarkus.security.Authenticated;

@Path("/api/v1/api-keys")
@Tag(name = "Integration keys", description = "API keys for other systems (12345 hotline, Open311 clients)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed(Role.DISTRICT_ADMIN)
public class ApiKeyResource {

    private final ApiKeyService keys;

    ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @GET
    @Operation(summary = "List the district's API keys (never the keys themselves)")
    public Page<ApiKeyView> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return keys.list(limit, cursor);
    }

    @POST
    @Idempotent
    @Operation(summary = "Make an API key for a jurisdiction; the key is shown in this answer only")
    public RestResponse<NewApiKey> create(@HeaderParam(Idempotent.HEADER) String idempotencyKey,
            @Valid @NotNull CreateApiKey request) {
        NewApiKey key = keys.create(request);
        return Responses.created("/api/v1/api-keys/" + key.id(), key);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key")
    public RestResponse<Void> revoke(@PathParam("id") long id) {
        keys.revoke(id);
        return RestResponse.noContent();
    }
}
