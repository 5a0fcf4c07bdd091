package io.gridloop.ticket;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;

/**
 * Which tickets a caller may see or claim, as SQL over the ticket table (alias {@code t}), so that
 * scope and paging are applied together in the database. A region binding covers a subtree of the
 * region tree, which is a range of {@code grid_path} values ({@code '/1/5/'} to {@code '/1/50'}).
 */
final class TicketScope {

    /** Roles that see every ticket in the regions they hold them in. */
    private static final Role[] REGION_ROLES = { Role.GRID_MEMBER, Role.GRID_LEADER, Role.COMMUNITY_ADMIN,
            Role.DISTRICT_ADMIN, Role.INTEGRATION };
    /** Roles that may claim pooled tickets in their regions. */
    private static final Role[] POOL_ROLES = { Role.PARTY_MEMBER, Role.GRID_MEMBER };

    final String sql;
    final Map<String, Object> parameters = new HashMap<>();

    private TicketScope(String sql) {
        this.sql = sql;
    }

    /** What the caller may read: their own, their assignments, their regions and the pool they may claim from. */
    static TicketScope visibleTo(Caller caller) {
        StringBuilder sql = new StringBuilder("(t.reporter_id = :me OR t.assignee_id = :me OR t.assignee_unit_id IN (:units)");
        TicketScope scope = new TicketScope(null);
        scope.parameters.put("me", me(caller));
        scope.parameters.put("units", units(caller));
        scope.ranges(sql, "r", caller.scopePaths(REGION_ROLES), "");
        scope.ranges(sql, "p", caller.scopePaths(POOL_ROLES), "t.status = 'DISPATCHED' AND t.dispatch_target = 'POOL' AND ");
        sql.append(')');
        return scope.with(sql.toString());
    }

    /** What the caller may claim now: a pooled ticket in their regions, or one dispatched to them or their unit. */
    static TicketScope claimableBy(Caller caller) {
        StringBuilder sql = new StringBuilder("t.status = 'DISPATCHED' AND ((t.dispatch_target = 'ACCOUNT' AND t.assignee_id = :me)"
                + " OR (t.dispatch_target = 'UNIT' AND t.assignee_unit_id IN (:units))");
        TicketScope scope = new TicketScope(null);
        scope.parameters.put("me", me(caller));
        scope.parameters.put("units", units(caller));
        scope.ranges(sql, "p", caller.scopePaths(POOL_ROLES), "t.dispatch_target = 'POOL' AND ");
        sql.append(')');
        return scope.with(sql.toString());
    }

    /**
     * The tickets that went to the pool of the caller's regions, whatever their status now: enough to
     * tell a claimant who lost the race that the ticket was taken (409), and nothing more.
     */
    static TicketScope contestedBy(Caller caller) {
        StringBuilder sql = new StringBuilder("(false");
        TicketScope scope = new TicketScope(null);
        scope.ranges(sql, "p", caller.scopePaths(POOL_ROLES), "t.dispatch_target = 'POOL' AND ");
        sql.append(')');
        return scope.with(sql.toString());
    }

    private TicketScope with(String sql) {
        TicketScope scope = new TicketScope(sql);
        scope.parameters.putAll(parameters);
        return scope;
    }

    private void ranges(StringBuilder sql, String prefix, List<String> paths, String condition) {
        for (int i = 0; i < paths.size(); i++) {
            String low = prefix + "lo" + i;
            String high = prefix + "hi" + i;
            sql.append(" OR (").append(condition).append("t.grid_path >= :").append(low)
                    .append(" AND t.grid_path < :").append(high).append(')');
            parameters.put(low, paths.get(i));
            parameters.put(high, upperBound(paths.get(i)));
        }
    }

    /** The least string above every string that starts with the path: its last '/' raised to '0'. */
    static String upperBound(String path) {
        return path.substring(0, path.length() - 1) + (char) (path.charAt(path.length() - 1) + 1);
    }

    /** API-key callers have account id 0, which no account has. */
    private static long me(Caller caller) {
        return caller.accountId();
    }

    private static List<Long> units(Caller caller) {
        List<Long> units = caller.bindings().stream().filter(b -> b.role() == Role.UNIT_HANDLER).map(Binding::unitId).toList();
        return units.isEmpty() ? List.of(-1L) : units;
    }
}
