package io.gridloop.account;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.RegionPaths;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.sql.Where;

/**
 * Who may claim a grid's pooled tickets (党员接单): a PARTY_MEMBER or GRID_MEMBER, enabled, bound to
 * the grid or a region above it (party members register with their community, grid members with their
 * grid). The one statement of that rule: the claim and the pool listing ask it from the caller's side
 * ({@link #claimPaths}), dispatch to an account and the pool's notification from the grid's side
 * ({@link #accountsSql}); {@code ClaimEligibilityTest} shows all four agree.
 */
public final class ClaimEligibility {

    /** The roles that may claim from a pool. */
    public static final Set<Role> ROLES = EnumSet.of(Role.PARTY_MEMBER, Role.GRID_MEMBER);

    private static final String ROLES_SQL = ROLES.stream().map(r -> "'" + r.name() + "'").collect(Collectors.joining(", "));

    private ClaimEligibility() {
    }

    /** The region paths under which a caller with these bindings may claim (each covers the grids below it). */
    public static List<String> claimPaths(List<Binding> bindings) {
        return Binding.paths(bindings, ROLES);
    }

    /**
     * SQL: the accounts that may claim the pooled tickets of the grid whose path is given (a column such
     * as {@code t.grid_path} or a named parameter), found on the role_binding region index through the
     * ids the path covers ({@link RegionPaths#coveringIdsSql}).
     */
    public static String accountsSql(String gridPath) {
        return """
                SELECT DISTINCT b.account_id
                  FROM role_binding b JOIN account a ON a.id = b.account_id AND a.enabled
                 WHERE b.region_id = ANY (%s) AND b.role IN (%s)""".formatted(RegionPaths.coveringIdsSql(
                Where.columnOrParameter(gridPath)), ROLES_SQL);
    }
}
