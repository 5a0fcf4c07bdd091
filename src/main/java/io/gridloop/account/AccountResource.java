package io.gridloop.account;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.gridloop.account.AccountRequests.ChangePassword;
import io.gridloop.account.AccountRequests.CreateAccount;
import io.gridloop.account.AccountRequests.UpdateAccount;
import io.gridloop.account.AccountViews.AccountView;
import io.gridloop.account.AccountViews.MeView;
import io.gridloop.shared.idempotency.Idempotent;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.quarkus.security.Authenticated;

@Path("/api/v1")
@Tag(name = "Accounts", description = "Accounts and the roles they hold in regions and units")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccountService accounts;

    AccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @GET
    @Path("/me")
    @Authenticated
    @Allowed(whilePasswordChangeRequired = true)
    @Operation(summary = "The caller's account, roles and the regions they act in")
    public MeView me() {
        return accounts.me();
    }

    @POST
    @Path("/me/password")
    @Authenticated
    @Allowed(whilePasswordChangeRequired = true)
    @Operation(summary = "Change one's own password",
            description = "Lifts a required change (account.mustChangePassword): until then every other endpoint but GET /me "
                    + "answers 403 password-change-required. The current password must be right, the new one 8 to 128 "
                    + "characters and not the current one.")
    @APIResponse(responseCode = "204", description = "The password is changed")
    public void changePassword(@Valid @NotNull ChangePassword request) {
        accounts.changeOwnPassword(request);
    }

    @POST
    @Path("/accounts")
    @Authenticated
    @Allowed(Role.DISTRICT_ADMIN)
    @Idempotent
    @Operation(summary = "Create a staff or member account with its roles")
    public RestResponse<AccountView> create(@HeaderParam(Idempotent.HEADER) String idempotencyKey,
            @Valid @NotNull CreateAccount request) {
        AccountView account = accounts.create(request);
        return Responses.created("/api/v1/accounts/" + account.id(), account, account.version());
    }

    @GET
    @Path("/accounts/{id}")
    @Authenticated
    @Allowed({ Role.DISTRICT_ADMIN, Role.COMMUNITY_ADMIN, Role.GRID_LEADER })
    @Operation(summary = "Read an account in the caller's scope")
    public RestResponse<AccountView> get(@PathParam("id") long id) {
        AccountView account = accounts.get(id);
        return Responses.tagged(account, account.version());
    }

    @PUT
    @Path("/accounts/{id}")
    @Authenticated
    @Allowed(Role.DISTRICT_ADMIN)
    @Operation(summary = "Change an account's name, phone, roles or whether it may sign in (If-Match required)")
    public RestResponse<AccountView> update(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull UpdateAccount request) {
        AccountView account = accounts.update(id, ifMatch, request);
        return Responses.tagged(account, account.version());
    }

    @GET
    @Path("/accounts")
    @Authenticated
    @Allowed({ Role.DISTRICT_ADMIN, Role.COMMUNITY_ADMIN, Role.GRID_LEADER })
    @Operation(summary = "List the accounts in the caller's scope, optionally by region and role")
    public Page<AccountView> list(@QueryParam("regionId") Long regionId, @QueryParam("role") Role role,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return accounts.list(regionId, role, limit, cursor);
    }
}
