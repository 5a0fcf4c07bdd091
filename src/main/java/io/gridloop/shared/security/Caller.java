package io.gridloop.shared.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling and where they may act, read from the database once per request (the account, if
 * enabled, and its role bindings; or the API key, if not revoked): the token only says who the
 * caller claims to be, so a role removed or an account disabled stops working at once.
 */
@RequestScoped
public class Caller {

    /** The attribute of an API-key identity that carries the key's id. */
    public static final String API_KEY_ATTRIBUTE = "gridloop.api-key";

    private final SecurityIdentity identity;
    private final Directory.Accounts accounts;
    private final Directory.ApiKeys apiKeys;
    private Directory.Entry loaded;
    /** The identity's API-key attribute, read once: empty for an account. */
    private Optional<Object> apiKey;

    Caller(SecurityIdentity identity, Directory.Accounts accounts, Directory.ApiKeys apiKeys) {
        this.identity = identity;
        this.accounts = accounts;
        this.apiKeys = apiKeys;
    }

    /** The signed-in account's id; API-key callers have none. */
    public long accountId() {
        return identity().accountId();
    }

    public long districtId() {
        return identity().districtId();
    }

    /** The signed-in account's name as the database has it now, read with its bindings; null for an API key. */
    public String name() {
        return identity().name();
    }

    /** The signed-in account's phone (unmasked: the caller's own), read with its bindings; null for an API key or none. */
    public String phone() {
        return identity().phone();
    }

    /** Whether the caller holds the role now, in any region: from the bindings, never from the token. */
    public boolean hasRole(Role role) {
        return bindings().stream().anyMatch(b -> b.role() == role);
    }

    /** Whether the caller is an integration's API key rather than an account. */
    public boolean isApiKey() {
        return apiKey().isPresent();
    }

    /**
     * What {@link Allowed} asks: a caller the database knows now (else 401), whose password need not be
     * changed first unless the method allows that (else 403 password-change-required), an account
     * unless API keys may call (else 403), holding one of the roles if any are named (else 403).
     */
    public void require(boolean apiKeys, boolean whilePasswordChangeRequired, Role... roles) {
        if (identity().passwordChangeRequired() && !whilePasswordChangeRequired) {
            throw new ProblemException(ProblemType.PASSWORD_CHANGE_REQUIRED, "password-change-required.detail");
        }
        if (isApiKey() && !apiKeys) {
            throw ProblemException.forbidden();
        }
        if (roles.length > 0 && Arrays.stream(roles).noneMatch(this::hasRole)) {
            throw ProblemException.forbidden();
        }
    }

    public List<Binding> bindings() {
        return identity().bindings();
    }

    /** The region paths where the caller holds any of the given roles. */
    public List<String> scopePaths(Role... roles) {
        return Binding.paths(bindings(), roles.length == 0 ? EnumSet.allOf(Role.class) : EnumSet.copyOf(Arrays.asList(roles)));
    }

    /** Whether the caller holds one of the roles over the region with this path. */
    public boolean covers(String regionPath, Role... roles) {
        return scopePaths(roles).stream().anyMatch(path -> RegionPaths.covers(path, regionPath));
    }

    /**
     * Whether the caller is part of the community with this path (SPEC §1.9 "public within the
     * community"): a role bound in it (a resident's home grid, a member's community, a grid's staff)
     * or over it (the district).
     */
    public boolean belongsTo(String communityPath) {
        return bindings().stream().map(Binding::regionPath).filter(java.util.Objects::nonNull)
                .anyMatch(path -> RegionPaths.covers(path, communityPath) || RegionPaths.covers(communityPath, path));
    }

    /** Out of scope is reported as not found, so existence is not revealed. */
    public void requireCovers(String regionPath, Role... roles) {
        if (!covers(regionPath, roles)) {
            throw ProblemException.notFound();
        }
    }

    /** The API key's id, or null when an account is calling. */
    public Long apiKeyId() {
        return apiKey().map(key -> ((Number) key).longValue()).orElse(null);
    }

    /** The owner of client-supplied keys (idempotency): the account, or the API key. */
    public String principalKey() {
        return apiKey().map(key -> "key:" + key).orElseGet(() -> "account:" + accountId());
    }

    private Optional<Object> apiKey() {
        if (apiKey == null) {
            apiKey = Optional.ofNullable(identity.getAttribute(API_KEY_ATTRIBUTE));
        }
        return apiKey;
    }

    private Directory.Entry identity() {
        if (loaded == null) {
            loaded = load();
        }
        return loaded;
    }

    private Directory.Entry load() {
        if (apiKey().isPresent()) {
            return apiKeys.apiKey(apiKey().get()).orElseThrow(io.quarkus.security.UnauthorizedException::new);
        }
        if (identity.isAnonymous()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        return accounts.account(Long.parseLong(identity.getPrincipal().getName()))
                .orElseThrow(io.quarkus.security.UnauthorizedException::new);
    }
}
