package io.gridloop.ticket;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.gridloop.account.ClaimEligibility;
import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.RegionPaths;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.sql.Where;

/**
 * Which tickets a caller may see or claim, as SQL over the ticket table (alias {@code t}), so that
 * scope and paging are applied together in the database. A region binding covers a subtree of the
 * region tree, which is a range of {@code grid_path} values ({@link RegionPaths#within}); who may
 * claim from a pool is {@link ClaimEligibility}; the states a claim starts from are {@link TicketAction#CLAIM}'s.
 */
final class TicketScope {

    /** Roles that see every ticket in the regions they hold them in. */
    private static final Set<Role> REGION_ROLES = EnumSet.of(Role.GRID_MEMBER, Role.GRID_LEADER, Role.COMMUNITY_ADMIN,
            Role.DISTRICT_ADMIN, Role.INTEGRATION);

    private TicketScope() {
    }

    static Where visibleTo(Caller caller) {
        return visibleTo(caller.accountId(), caller.bindings());
    }

    static Where claimableBy(Caller caller) {
        return claimableBy(caller.accountId(), caller.bindings());
    }

    static Where contestedBy(Caller caller) {
        return contestedBy(caller.bindings());
    }

    /** What the caller may read: their own, their assignments, their regions and the pool they may claim from. */
    static Where visibleTo(long me, List<Binding> bindings) {
        List<Where> any = new ArrayList<>();
        any.add(Where.of("t.reporter_id = :me", "me", me));
        any.add(assignedTo(me));
        any.add(Where.of("t.assignee_unit_id IN (:units)", "units", units(bindings)));
        List<String> regions = Binding.paths(bindings, REGION_ROLES);
        for (int i = 0; i < regions.size(); i++) {
            any.add(RegionPaths.within("t.grid_path", "region" + i, regions.get(i)));
        }
        any.addAll(pools(bindings, waiting()));
        return Where.anyOf(any);
    }

    /** What is assigned to the caller: a part of what every caller sees. */
    static Where assignedTo(long me) {
        return Where.of("t.assignee_id = :me", "me", me);
    }

    /** What the caller may claim now: a pooled ticket in their regions, or one dispatched to them or their unit. */
    static Where claimableBy(long me, List<Binding> bindings) {
        List<Where> any = new ArrayList<>();
        any.add(waiting().and("t.dispatch_target = 'ACCOUNT' AND t.assignee_id = :me", "me", me));
        any.add(waiting().and("t.dispatch_target = 'UNIT' AND t.assignee_unit_id IN (:units)", "units", units(bindings)));
        any.addAll(pools(bindings, waiting()));
        return Where.anyOf(any);
    }

    /**
     * The tickets that went to the pool of the caller's regions, whatever their status now: enough to
     * tell a claimant who lost the race that the ticket was taken (409), and nothing more.
     */
    static Where contestedBy(List<Binding> bindings) {
        return Where.anyOf(pools(bindings, Where.always()));
    }

    /** The pooled tickets in the regions where the caller may claim, in the given state. */
    private static List<Where> pools(List<Binding> bindings, Where state) {
        List<String> paths = ClaimEligibility.claimPaths(bindings);
        List<Where> any = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            any.add(Where.always().and(state).and("t.dispatch_target = 'POOL'")
                    .and(RegionPaths.within("t.grid_path", "pool" + i, paths.get(i))));
        }
        return any;
    }

    /** Dispatched and not yet claimed: the states a claim may start from. */
    private static Where waiting() {
        return Where.of("t.status IN (:claimFrom)", "claimFrom", TicketAction.CLAIM.fromNames());
    }

    private static List<Long> units(List<Binding> bindings) {
        List<Long> units = bindings.stream().filter(b -> b.role() == Role.UNIT_HANDLER).map(Binding::unitId).toList();
        return units.isEmpty() ? List.of(-1L) : units;
    }
}
