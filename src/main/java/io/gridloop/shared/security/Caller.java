package io.gridloop.shared.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;

import io.gridloop.shared.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling and where they may act. Roles come from the token; where each role is held is
 * read from the database once per request, so a binding that was removed stops working at once.
 */
@RequestScoped
public class Caller {

    /** The attribute of an API-key identity that carries the key's id. */
    public static final String API_KEY_ATTRIBUTE = "gridloop.api-key";

    private final SecurityIdentity identity;
    private final EntityManager entityManager;
    private Identity loaded;

    Caller(SecurityIdentity identity, EntityManager entityManager) {
        this.identity = identity;
        this.entityManager = entityManager;
    }

    /** The signed-in account's id; API-key callers have none. */
    public long accountId() {
        return identity().accountId;
    }

    public long districtId() {
        return identity().districtId;
    }

    public boolean hasRole(Role role) {
        return identity.hasRole(role.name());
    }

    public List<Binding> bindings() {
        return identity().bindings;
    }

    /** The region paths where the caller holds any of the given roles. */
    public List<String> scopePaths(Role... roles) {
        Set<Role> wanted = roles.length == 0 ? EnumSet.allOf(Role.class) : EnumSet.copyOf(Arrays.asList(roles));
        return bindings().stream()
                .filter(b -> wanted.contains(b.role()) && b.regionPath() != null)
                .map(Binding::regionPath)
                .distinct()
                .toList();
    }

    /** Whether the caller holds one of the roles over the region with this path. */
    public boolean covers(String regionPath, Role... roles) {
        return scopePaths(roles).stream().anyMatch(regionPath::startsWith);
    }

    /** Out of scope is reported as not found, so existence is not revealed. */
    public void requireCovers(String regionPath, Role... roles) {
        if (!covers(regionPath, roles)) {
            throw ProblemException.notFound();
        }
    }

    /** The owner of client-supplied keys (idempotency): the account, or the API key. */
    public String principalKey() {
        Object apiKey = identity.getAttribute(API_KEY_ATTRIBUTE);
        return apiKey != null ? "key:" + apiKey : "account:" + accountId();
    }

    private Identity identity() {
        if (loaded == null) {
            loaded = load();
        }
        return loaded;
    }

    @SuppressWarnings("unchecked")
    private Identity load() {
        Object apiKey = identity.getAttribute(API_KEY_ATTRIBUTE);
        if (apiKey != null) {
            Object[] key = (Object[]) entityManager.createNativeQuery(
                    "SELECT k.district_id, k.region_id, r.path FROM api_key k JOIN region r ON r.id = k.region_id WHERE k.id = ?1")
                    .setParameter(1, apiKey)
                    .getSingleResult();
            return new Identity(0, ((Number) key[0]).longValue(),
                    List.of(new Binding(Role.INTEGRATION, ((Number) key[1]).longValue(), (String) key[2], null)));
        }
        if (identity.isAnonymous()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        long accountId = Long.parseLong(identity.getPrincipal().getName());
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT a.district_id, b.role, b.region_id, r.path, b.unit_id
                FROM account a
                LEFT JOIN role_binding b ON b.account_id = a.id
                LEFT JOIN region r ON r.id = b.region_id
                WHERE a.id = ?1 AND a.enabled""")
                .setParameter(1, accountId)
                .getResultList();
        if (rows.isEmpty()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        long districtId = ((Number) rows.get(0)[0]).longValue();
        List<Binding> bindings = rows.stream()
                .filter(row -> row[1] != null)
                .map(row -> new Binding(Role.valueOf((String) row[1]),
                        row[2] == null ? null : ((Number) row[2]).longValue(),
                        (String) row[3],
                        row[4] == null ? null : ((Number) row[4]).longValue()))
                .toList();
        return new Identity(accountId, districtId, bindings);
    }

    private record Identity(long accountId, long districtId, List<Binding> bindings) {
    }
}
