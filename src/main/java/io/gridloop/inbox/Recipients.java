package io.gridloop.inbox;

import java.util.regex.Pattern;

/**
 * Who receives a notification, read from the role bindings: SELECTs of one column
 * {@code account_id} to use inside {@link Inbox#notifyFrom} (in a {@code JOIN LATERAL (…) r ON true}
 * or an {@code IN (…)}). Disabled accounts receive nothing.
 *
 * <p>
 * A SQL method takes where the grid or unit id comes from: a column of the enclosing query
 * ({@code t.grid_id}) or a named parameter ({@code :grid}); nothing else is accepted, so no value
 * can be spliced into the SQL.
 */
public final class Recipients {

    private static final Pattern ID_SOURCE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?|:[A-Za-z_][A-Za-z0-9_]*");

    private Recipients() {
    }

    /** The grid leaders (网格长) of a grid: GRID_LEADER bound to the grid itself. */
    public static String gridLeadersSql(String gridId) {
        return """
                SELECT b.account_id FROM role_binding b JOIN account a ON a.id = b.account_id AND a.enabled
                 WHERE b.role = 'GRID_LEADER' AND b.region_id = %s""".formatted(idSource(gridId));
    }

    /** The handlers of a unit (联系单位): UNIT_HANDLER bound to the unit. */
    public static String unitHandlersSql(String unitId) {
        return """
                SELECT b.account_id FROM role_binding b JOIN account a ON a.id = b.account_id AND a.enabled
                 WHERE b.role = 'UNIT_HANDLER' AND b.unit_id = %s""".formatted(idSource(unitId));
    }

    /**
     * Who may claim the grid's pooled tickets: PARTY_MEMBER or GRID_MEMBER bound to the grid or any
     * region above it (party members register with the community, grid members with the grid). The
     * same rule as the ticket loop's claim, seen from the grid: the grid's path ({@code /1/51/101/})
     * lists the grid and its ancestors, so the bindings are found on the role_binding region index.
     */
    public static String poolMembersSql(String gridId) {
        return """
                SELECT DISTINCT b.account_id
                  FROM region g
                  JOIN role_binding b ON b.region_id = ANY (CAST(string_to_array(trim(BOTH '/' FROM g.path), '/') AS bigint[]))
                                     AND b.role IN ('PARTY_MEMBER', 'GRID_MEMBER')
                  JOIN account a ON a.id = b.account_id AND a.enabled
                 WHERE g.id = %s AND g.type = 'GRID'""".formatted(idSource(gridId));
    }

    private static String idSource(String source) {
        if (source == null || !ID_SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException("a column (t.grid_id) or a named parameter (:grid), not " + source);
        }
        return source;
    }
}
