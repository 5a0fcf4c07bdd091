package io.gridloop.account;

import io.gridloop.shared.sql.Where;

/**
 * Who holds a role where, read from the role bindings, as SELECTs of one column {@code account_id}
 * for other features to join inside their own statements (in a {@code JOIN LATERAL (…) r ON true} or
 * an {@code IN (…)}), e.g. to write notifications to the inbox. Disabled accounts are never among them.
 * Each method takes where the grid or unit comes from: a column of the enclosing query
 * ({@code t.grid_id}) or a named parameter ({@code :grid}); nothing else is accepted.
 */
public final class Recipients {

    private Recipients() {
    }

    /** The grid leaders (网格长) of a grid: GRID_LEADER bound to the grid itself. */
    public static String gridLeadersSql(String gridId) {
        return """
                SELECT b.account_id FROM role_binding b JOIN account a ON a.id = b.account_id AND a.enabled
                 WHERE b.role = 'GRID_LEADER' AND b.region_id = %s""".formatted(Where.columnOrParameter(gridId));
    }

    /** The handlers of a unit (联系单位): UNIT_HANDLER bound to the unit. */
    public static String unitHandlersSql(String unitId) {
        return """
                SELECT b.account_id FROM role_binding b JOIN account a ON a.id = b.account_id AND a.enabled
                 WHERE b.role = 'UNIT_HANDLER' AND b.unit_id = %s""".formatted(Where.columnOrParameter(unitId));
    }

    /** Who may claim the pooled tickets of the grid with this path: {@link ClaimEligibility#accountsSql}. */
    public static String poolMembersSql(String gridPath) {
        return ClaimEligibility.accountsSql(gridPath);
    }
}
