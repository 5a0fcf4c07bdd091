package io.gridloop.catalog;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.gridloop.catalog.CategoryViews.CategoryView;
import io.gridloop.catalog.CategoryViews.CategoryRequest;
import io.gridloop.shared.idempotency.Idempotent;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.Messages;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.quarkus.security.Authenticated;

@Path("/api/v1/categories")
@Tag(name = "Catalogue", description = "The service catalogue (服务清单): categories with their time limits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed(apiKeys = true)
public class CategoryResource {

    private final CategoryService categories;

    CategoryResource(CategoryService categories) {
        this.categories = categories;
    }

    @GET
    @Operation(summary = "List the catalogue; `name` follows Accept-Language")
    public Page<CategoryView> list(@QueryParam("includeInactive") @DefaultValue("false") boolean includeInactive,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        return categories.list(includeInactive, limit, cursor, Messages.localeOf(language));
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "Read a category")
    public RestResponse<CategoryView> get(@PathParam("code") String code,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        CategoryView category = categories.get(code, Messages.localeOf(language));
        return Responses.tagged(category, category.version());
    }

    @POST
    @Allowed(Role.DISTRICT_ADMIN)
    @Idempotent
    @Operation(summary = "Add a category to the catalogue")
    public RestResponse<CategoryView> create(@HeaderParam(Idempotent.HEADER) String idempotencyKey,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language, @Valid @NotNull CategoryRequest request) {
        CategoryView category = categories.create(request, Messages.localeOf(language));
        return Responses.created("/api/v1/categories/" + category.code(), category, category.version());
    }

    @PUT
    @Path("/{code}")
    @Allowed(Role.DISTRICT_ADMIN)
    @Operation(summary = "Replace a category (If-Match required); its code cannot change")
    public RestResponse<CategoryView> update(@PathParam("code") String code,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language, @Valid @NotNull CategoryRequest request) {
        CategoryView category = categories.update(code, ifMatch, request, Messages.localeOf(language));
        return Responses.tagged(category, category.version());
    }
}
