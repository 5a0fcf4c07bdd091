package io.gridloop.integration;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Integrations sign in with the X-API-Key header. A request without it goes on to the bearer-token
 * mechanism; a wrong or revoked key is refused.
 */
@ApplicationScoped
class ApiKeyAuthentication implements HttpAuthenticationMechanism {

    static final String HEADER = "X-API-Key";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String key = context.request().getHeader(HEADER);
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new KeyRequest(key));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends io.quarkus.security.identity.request.AuthenticationRequest>> getCredentialTypes() {
        return Set.of(KeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, HEADER));
    }

    /** The identity of a key that is known and not revoked: the INTEGRATION role and the key's id, which {@link Caller} reads. */
    static java.util.Optional<SecurityIdentity> identity(String key) {
        record Found(long id, String prefix) {
        }
        return io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting().call(() -> ApiKey
                .<ApiKey>find("keyHash = ?1 and revokedAt is null", ApiKeys.hash(key))
                .firstResultOptional()
                .map(k -> new Found(k.id, k.keyPrefix)))
                .map(found -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal("api-key:" + found.prefix()))
                        .addRole(Role.INTEGRATION.name())
                        .addAttribute(Caller.API_KEY_ATTRIBUTE, found.id())
                        .build());
    }

    static final class KeyRequest extends BaseAuthenticationRequest {

        final String key;

        KeyRequest(String key) {
            this.key = key;
        }
    }

    @ApplicationScoped
    static class KeyIdentities implements IdentityProvider<KeyRequest> {

        @Override
        public Class<KeyRequest> getRequestType() {
            return KeyRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(KeyRequest request, AuthenticationRequestContext context) {
            return context.runBlocking(() -> identity(request.key)
                    .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key")));
        }
    }
}
