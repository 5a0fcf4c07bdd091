package io.gridloop.ticket;

import static io.gridloop.shared.security.TestCallers.caller;
import static io.gridloop.shared.security.TestCallers.handlerOf;
import static io.gridloop.shared.security.TestCallers.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridloop.shared.security.RegionPaths;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.sql.Where;

/**
 * Scope as SQL (architecture: "Ticket scope"): each region binding is a range of grid paths,
 * {@code [path, upperBound(path))}, compared in collation "C", which orders as Java's
 * {@link String#compareTo} does for these ASCII paths. No Quarkus, no database.
 */
class TicketScopeTest {

    private static final List<String> PATHS = List.of("/", "/1", "/1/", "/1/2", "/1/2/", "/1/2/3/", "/1/2/3/4/",
            "/1/2/999/", "/1/20/", "/1/2 /", "/1/21/", "/1/3/", "/10/", "/1/2/3/45/", "/2/");

    @ParameterizedTest
    @ValueSource(strings = { "/1/", "/1/2/", "/1/2/3/", "/1/2/3/4/", "/10/" })
    void a_paths_range_holds_exactly_the_paths_under_it(String region) {
        String high = RegionPaths.upperBound(region);
        for (String path : PATHS) {
            boolean inRange = path.compareTo(region) >= 0 && path.compareTo(high) < 0;
            assertEquals(path.startsWith(region), inRange, path + " against [" + region + ", " + high + ")");
        }
    }

    @Test
    void the_upper_bound_raises_the_closing_slash_to_zero() {
        assertEquals("/1/2/30", RegionPaths.upperBound("/1/2/3/"));
        assertEquals("0", RegionPaths.upperBound("/"));
    }

    @Test
    void a_region_role_sees_its_subtree_and_a_pool_role_only_the_pool_of_its_subtree() {
        Where scope = TicketScope.visibleTo(caller(20, in(Role.COMMUNITY_ADMIN, "/1/2/3/"), in(Role.PARTY_MEMBER, "/1/2/6/")));

        assertEquals("/1/2/3/", scope.parameters().get("region0Lo"));
        assertEquals("/1/2/30", scope.parameters().get("region0Hi"));
        assertEquals("/1/2/6/", scope.parameters().get("pool0Lo"));
        assertEquals("/1/2/60", scope.parameters().get("pool0Hi"));
        assertFalse(scope.parameters().containsKey("region1Lo") || scope.parameters().containsKey("pool1Lo"));
        int at = scope.sql().indexOf(":pool0Lo");
        String pool = scope.sql().substring(scope.sql().lastIndexOf(" OR (", at), at);
        assertTrue(pool.contains("t.dispatch_target = 'POOL'") && pool.contains("t.status IN (:claimFrom)"), scope.sql());
    }

    @Test
    void a_resident_sees_only_their_own_and_their_assignments() {
        Where scope = TicketScope.visibleTo(caller(9, in(Role.RESIDENT, "/1/2/3/4/")));

        assertEquals(Map.of("me", 9L, "units", List.of(-1L)), scope.parameters());
    }

    @Test
    void a_grid_member_sees_their_grid_and_may_claim_from_its_pool() {
        Where visible = TicketScope.visibleTo(caller(30, in(Role.GRID_MEMBER, "/1/2/3/4/")));
        Where claimable = TicketScope.claimableBy(caller(30, in(Role.GRID_MEMBER, "/1/2/3/4/")));

        assertEquals("/1/2/3/4/", visible.parameters().get("region0Lo"));
        assertEquals("/1/2/3/4/", visible.parameters().get("pool0Lo"));
        assertEquals("/1/2/3/40", claimable.parameters().get("pool0Hi"));
        assertFalse(claimable.parameters().containsKey("region0Lo"), "a claim never reaches beyond the pool");
    }

    @Test
    void a_leader_may_claim_only_what_was_dispatched_to_them() {
        Where claimable = TicketScope.claimableBy(caller(40, in(Role.GRID_LEADER, "/1/2/3/4/")));

        assertEquals(Map.of("me", 40L, "units", List.of(-1L), "claimFrom", TicketAction.CLAIM.fromNames()), claimable.parameters());
        assertEquals(2, claimable.sql().split("t.status IN \\(:claimFrom\\)", -1).length - 1, claimable.sql());
    }

    @Test
    void a_unit_handler_sees_and_claims_what_went_to_their_units() {
        Where scope = TicketScope.claimableBy(caller(50, handlerOf(70), handlerOf(71)));

        assertEquals(List.of(70L, 71L), scope.parameters().get("units"));
    }

    @Test
    void a_caller_without_pool_roles_contests_nothing() {
        Where scope = TicketScope.contestedBy(caller(60, in(Role.GRID_LEADER, "/1/2/3/4/")));

        assertEquals("false", scope.sql());
        assertTrue(scope.parameters().isEmpty());
    }

    @Test
    void each_binding_is_a_range_of_its_own() {
        Where scope = TicketScope.visibleTo(caller(70, in(Role.GRID_LEADER, "/1/2/3/4/"), in(Role.GRID_LEADER, "/1/2/3/5/"),
                in(Role.GRID_MEMBER, "/1/2/3/5/")));

        assertEquals("/1/2/3/4/", scope.parameters().get("region0Lo"));
        assertEquals("/1/2/3/5/", scope.parameters().get("region1Lo"));
        assertFalse(scope.parameters().containsKey("region2Lo"), "a region held in two roles is one range");
    }
}
