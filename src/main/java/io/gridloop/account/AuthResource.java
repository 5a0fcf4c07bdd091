package io.gridloop.account;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridloop.account.AccountRequests.Login;
import io.gridloop.account.AccountRequests.WeChatLogin;
import io.gridloop.account.AccountViews.TokenView;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1/auth")
@Tag(name = "Sign-in", description = "Access tokens for staff (password) and residents (WeChat mini-program)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class AuthResource {

    private final AuthService auth;

    AuthResource(AuthService auth) {
        this.auth = auth;
    }

    @POST
    @Path("/login")
    @Operation(summary = "Sign in with username and password",
            description = "Repeated failures lock the username and the client address for a while (429 with Retry-After).")
    @Blocking
    public Uni<TokenView> login(@Valid @NotNull Login request, HttpServerRequest http) {
        return auth.login(request.username(), request.password(), http.remoteAddress().hostAddress());
    }

    @POST
    @Path("/wechat")
    @Operation(summary = "Sign in from the WeChat mini-program with the code from wx.login",
            description = "The first sign-in creates the resident's account.")
    @Blocking
    public Uni<TokenView> weChat(@Valid @NotNull WeChatLogin request) {
        return auth.loginWithWeChat(request.code());
    }
}
