package io.gridloop.integration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.CurrentIdentityAssociation;

/**
 * Signs a request in with an API key it carries as a parameter rather than in the X-API-Key header:
 * Open311 clients send {@code api_key} in the query or the form body, which the HTTP authentication
 * mechanism (which runs before the body is read) cannot see. The request then is that key's caller for
 * everything after, exactly as with the header ({@code shared.security.Caller} reads the same identity).
 */
@ApplicationScoped
public class ApiKeySignIn {

    private final CurrentIdentityAssociation identities;

    ApiKeySignIn(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /** Whether the key is known and not revoked; if so, the current request is its caller from now on. */
    public boolean signIn(String key) {
        return ApiKeyAuthentication.identity(key).map(identity -> {
            identities.setIdentity(identity);
            return true;
        }).orElse(false);
    }

    /** A key's name: who files, for a ticket whose submitter gave no name of their own. */
    public String name(long keyId) {
        return ApiKey.<ApiKey>findByIdOptional(keyId).map(key -> key.name).orElseThrow();
    }
}
