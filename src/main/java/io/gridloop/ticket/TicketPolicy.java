package io.gridloop.ticket;

import java.util.function.Supplier;

import io.gridloop.catalog.MatterClass;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.gridloop.ticket.TicketTerms.Source;

/**
 * Who may take which action on a ticket they can see (SPEC §1.6 "who"). Each check returns the
 * role the caller acts in, for the timeline, or refuses with 403.
 */
final class TicketPolicy {

    private static final Role[] LEADERS = { Role.GRID_LEADER, Role.COMMUNITY_ADMIN };
    private static final Role[] SUPERVISORS = { Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN };
    private static final Role[] STAFF = { Role.GRID_MEMBER, Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN };

    private TicketPolicy() {
    }

    /** Triage, dispatch, reject and verify belong to the grid's leader and the community's admin. */
    static String leader(Caller caller, Ticket ticket) {
        for (Role role : LEADERS) {
            if (caller.covers(ticket.gridPath, role)) {
                return role.name();
            }
        }
        throw ProblemException.forbidden();
    }

    /** 督办 belongs to the community's and district's admins and to the leader of the grid's contact unit. */
    static String supervisor(Caller caller, Ticket ticket, Supplier<Long> contactUnit) {
        for (Role role : SUPERVISORS) {
            if (caller.covers(ticket.gridPath, role)) {
                return role.name();
            }
        }
        Long unit = contactUnit.get();
        if (unit != null && caller.bindings().stream().anyMatch(b -> b.role() == Role.UNIT_HANDLER && unit.equals(b.unitId()))) {
            return Role.UNIT_HANDLER.name();
        }
        throw ProblemException.forbidden();
    }

    static String assignee(Caller caller, Ticket ticket) {
        if (ticket.assigneeId != null && ticket.assigneeId == caller.accountId()) {
            return actingRole(caller, ticket);
        }
        throw ProblemException.forbidden();
    }

    /** The assignee resolves; a PERSONAL matter is answered with guidance by the leader. */
    static String resolver(Caller caller, Ticket ticket) {
        if (ticket.matterClass == MatterClass.PERSONAL && ticket.status == TicketStatus.TRIAGED) {
            return leader(caller, ticket);
        }
        return assignee(caller, ticket);
    }

    static String noter(Caller caller, Ticket ticket) {
        if (ticket.assigneeId != null && ticket.assigneeId == caller.accountId()) {
            return actingRole(caller, ticket);
        }
        for (Role role : STAFF) {
            if (caller.covers(ticket.gridPath, role)) {
                return role.name();
            }
        }
        throw ProblemException.forbidden();
    }

    /** The reporter acts in the role they filed in: a patrol report is the grid member's, not a resident's. */
    static String reporter(Caller caller, Ticket ticket) {
        if (ticket.reporterId != null && ticket.reporterId == caller.accountId()) {
            return (ticket.source == Source.PATROL ? Role.GRID_MEMBER : Role.RESIDENT).name();
        }
        throw ProblemException.forbidden();
    }

    /** The role an assignee works in: the unit's, the pool's or the grid's. */
    static String actingRole(Caller caller, Ticket ticket) {
        if (ticket.assigneeUnitId != null) {
            return Role.UNIT_HANDLER.name();
        }
        for (Role role : new Role[] { Role.GRID_MEMBER, Role.PARTY_MEMBER, Role.GRID_LEADER, Role.COMMUNITY_ADMIN }) {
            if (caller.covers(ticket.gridPath, role)) {
                return role.name();
            }
        }
        return caller.bindings().isEmpty() ? null : caller.bindings().get(0).role().name();
    }
}
