package io.gridloop.ticket;

import static io.gridloop.shared.security.TestCallers.caller;
import static io.gridloop.shared.security.TestCallers.handlerOf;
import static io.gridloop.shared.security.TestCallers.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.gridloop.catalog.MatterClass;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.gridloop.ticket.TicketTerms.Source;

/**
 * Who may take which action (SPEC §1.6 "who"), on the rule alone: callers are their role bindings,
 * no Quarkus, no database. The district tree: district 1, street 2, community 3 with grids 4, 5 and
 * 45, community 6 with grid 7. The ticket is in grid 4, reported by account 9.
 */
class TicketPolicyTest {

    private static final String DISTRICT = "/1/";
    private static final String COMMUNITY = "/1/2/3/";
    private static final String GRID = "/1/2/3/4/";
    private static final String NEIGHBOUR_GRID = "/1/2/3/5/";
    private static final String GRID_45 = "/1/2/3/45/";
    private static final String OTHER_COMMUNITY = "/1/2/6/";
    private static final long REPORTER = 9;
    private static final long CONTACT_UNIT = 70;
    private static final Supplier<Long> NO_LOOKUP = () -> {
        throw new AssertionError("the contact unit is looked up only when no admin binding decides");
    };

    // ---- triage, dispatch, reject, verify ------------------------------------------

    @Test
    void grid_leader_of_the_tickets_grid_may_triage() {
        assertEquals("GRID_LEADER", TicketPolicy.leader(caller(20, in(Role.GRID_LEADER, GRID)), ticket()));
    }

    @Test
    void community_admin_of_the_grids_community_may_triage_as_community_admin() {
        assertEquals("COMMUNITY_ADMIN", TicketPolicy.leader(caller(21, in(Role.COMMUNITY_ADMIN, COMMUNITY)), ticket()));
    }

    @Test
    void grid_leader_of_another_grid_may_not_triage() {
        forbidden(() -> TicketPolicy.leader(caller(22, in(Role.GRID_LEADER, NEIGHBOUR_GRID)), ticket()));
    }

    @Test
    void grid_leader_of_a_grid_whose_path_begins_alike_may_not_triage() {
        forbidden(() -> TicketPolicy.leader(caller(23, in(Role.GRID_LEADER, GRID_45)), ticket()));
        forbidden(() -> TicketPolicy.leader(caller(24, in(Role.GRID_LEADER, GRID)), ticketIn(GRID_45)));
    }

    @Test
    void community_admin_of_another_community_may_not_triage() {
        forbidden(() -> TicketPolicy.leader(caller(25, in(Role.COMMUNITY_ADMIN, OTHER_COMMUNITY)), ticket()));
    }

    @Test
    void district_admin_members_and_residents_may_not_triage_even_in_scope() {
        for (Role role : new Role[] { Role.DISTRICT_ADMIN, Role.GRID_MEMBER, Role.PARTY_MEMBER, Role.RESIDENT }) {
            forbidden(() -> TicketPolicy.leader(caller(26, in(role, role == Role.DISTRICT_ADMIN ? DISTRICT : GRID)), ticket()));
        }
    }

    @Test
    void a_leader_role_held_elsewhere_does_not_combine_with_a_member_role_held_here() {
        Caller caller = caller(27, in(Role.GRID_LEADER, NEIGHBOUR_GRID), in(Role.GRID_MEMBER, GRID));

        forbidden(() -> TicketPolicy.leader(caller, ticket()));
    }

    // ---- supervision (督办) ------------------------------------------------------------

    @Test
    void community_and_district_admins_may_supervise_without_the_contact_unit_being_looked_up() {
        assertEquals("COMMUNITY_ADMIN",
                TicketPolicy.supervisor(caller(30, in(Role.COMMUNITY_ADMIN, COMMUNITY)), ticket(), NO_LOOKUP));
        assertEquals("DISTRICT_ADMIN", TicketPolicy.supervisor(caller(31, in(Role.DISTRICT_ADMIN, DISTRICT)), ticket(), NO_LOOKUP));
    }

    @Test
    void a_handler_of_the_grids_contact_unit_may_supervise() {
        assertEquals("UNIT_HANDLER", TicketPolicy.supervisor(caller(32, handlerOf(CONTACT_UNIT)), ticket(), () -> CONTACT_UNIT));
    }

    @Test
    void a_handler_of_another_unit_or_of_a_grid_without_contact_unit_may_not_supervise() {
        forbidden(() -> TicketPolicy.supervisor(caller(33, handlerOf(71)), ticket(), () -> CONTACT_UNIT));
        forbidden(() -> TicketPolicy.supervisor(caller(33, handlerOf(CONTACT_UNIT)), ticket(), () -> null));
    }

    @Test
    void grid_leader_and_admins_out_of_scope_may_not_supervise() {
        forbidden(() -> TicketPolicy.supervisor(caller(34, in(Role.GRID_LEADER, GRID)), ticket(), () -> null));
        forbidden(() -> TicketPolicy.supervisor(caller(35, in(Role.COMMUNITY_ADMIN, OTHER_COMMUNITY)), ticket(), () -> null));
        forbidden(() -> TicketPolicy.supervisor(caller(36, in(Role.DISTRICT_ADMIN, "/99/")), ticket(), () -> null));
    }

    // ---- the assignee's actions --------------------------------------------------------

    @Test
    void the_assignee_may_start_in_the_role_they_hold_over_the_grid() {
        Ticket pooled = assignedTo(40);

        assertEquals("PARTY_MEMBER", TicketPolicy.assignee(caller(40, in(Role.PARTY_MEMBER, COMMUNITY)), pooled));
        assertEquals("GRID_MEMBER", TicketPolicy.assignee(
                caller(40, in(Role.PARTY_MEMBER, COMMUNITY), in(Role.GRID_MEMBER, GRID)), pooled));
    }

    @Test
    void a_ticket_dispatched_to_a_unit_is_worked_in_the_units_role() {
        Ticket ticket = assignedTo(41);
        ticket.assigneeUnitId = CONTACT_UNIT;

        assertEquals("UNIT_HANDLER", TicketPolicy.assignee(caller(41, handlerOf(CONTACT_UNIT)), ticket));
    }

    @Test
    void the_grids_leader_may_not_start_someone_elses_assignment() {
        forbidden(() -> TicketPolicy.assignee(caller(42, in(Role.GRID_LEADER, GRID)), assignedTo(40)));
        forbidden(() -> TicketPolicy.assignee(caller(42, in(Role.GRID_LEADER, GRID)), ticket()));
    }

    @Test
    void an_assignee_without_a_binding_over_the_grid_acts_in_their_first_role_and_one_without_roles_in_none() {
        assertEquals("DISTRICT_ADMIN", TicketPolicy.actingRole(caller(43, in(Role.DISTRICT_ADMIN, "/99/")), assignedTo(43)));
        assertNull(TicketPolicy.actingRole(caller(43), assignedTo(43)));
    }

    // ---- resolve and note ---------------------------------------------------------------

    @Test
    void a_personal_matter_is_resolved_from_triage_by_the_leader_not_by_the_reporter() {
        Ticket personal = ticket();
        personal.status = TicketStatus.TRIAGED;
        personal.matterClass = MatterClass.PERSONAL;

        assertEquals("GRID_LEADER", TicketPolicy.resolver(caller(50, in(Role.GRID_LEADER, GRID)), personal));
        forbidden(() -> TicketPolicy.resolver(caller(REPORTER, in(Role.RESIDENT, GRID)), personal));
    }

    @Test
    void a_minor_matter_is_resolved_by_its_assignee_not_by_the_leader() {
        Ticket claimed = assignedTo(51);

        assertEquals("GRID_MEMBER", TicketPolicy.resolver(caller(51, in(Role.GRID_MEMBER, GRID)), claimed));
        forbidden(() -> TicketPolicy.resolver(caller(52, in(Role.GRID_LEADER, GRID)), claimed));
    }

    @Test
    void staff_in_scope_may_note_and_a_party_member_who_is_not_the_assignee_may_not() {
        Ticket claimed = assignedTo(60);

        assertEquals("PARTY_MEMBER", TicketPolicy.noter(caller(60, in(Role.PARTY_MEMBER, COMMUNITY)), claimed));
        assertEquals("GRID_MEMBER", TicketPolicy.noter(caller(61, in(Role.GRID_MEMBER, GRID)), claimed));
        assertEquals("DISTRICT_ADMIN", TicketPolicy.noter(caller(62, in(Role.DISTRICT_ADMIN, DISTRICT)), claimed));
        forbidden(() -> TicketPolicy.noter(caller(63, in(Role.PARTY_MEMBER, COMMUNITY)), claimed));
        forbidden(() -> TicketPolicy.noter(caller(64, in(Role.GRID_MEMBER, NEIGHBOUR_GRID)), claimed));
        forbidden(() -> TicketPolicy.noter(caller(REPORTER, in(Role.RESIDENT, GRID)), claimed));
    }

    // ---- the reporter's actions ---------------------------------------------------------

    @Test
    void the_reporter_rates_and_cancels_as_a_resident_and_a_patrol_report_as_the_grid_member() {
        assertEquals("RESIDENT", TicketPolicy.reporter(caller(REPORTER, in(Role.RESIDENT, GRID)), ticket()));
        Ticket patrol = ticket();
        patrol.source = Source.PATROL;
        assertEquals("GRID_MEMBER", TicketPolicy.reporter(caller(REPORTER, in(Role.GRID_MEMBER, GRID)), patrol));
    }

    @Test
    void nobody_but_the_reporter_may_rate_or_cancel_not_even_the_district_admin() {
        forbidden(() -> TicketPolicy.reporter(caller(70, in(Role.DISTRICT_ADMIN, DISTRICT)), ticket()));
        Ticket hotline = ticket();
        hotline.reporterId = null;
        hotline.source = Source.HOTLINE;
        forbidden(() -> TicketPolicy.reporter(caller(0, in(Role.INTEGRATION, DISTRICT)), hotline));
    }

    private static void forbidden(Executable action) {
        assertEquals(ProblemType.FORBIDDEN, assertThrows(ProblemException.class, action).type());
    }

    private static Ticket ticket() {
        return ticketIn(GRID);
    }

    private static Ticket ticketIn(String gridPath) {
        Ticket ticket = new Ticket();
        ticket.id = 100L;
        ticket.districtId = 1L;
        ticket.gridPath = gridPath;
        String[] ids = gridPath.split("/");
        ticket.gridId = Long.parseLong(ids[ids.length - 1]);
        ticket.reporterId = REPORTER;
        ticket.source = Source.MINI_PROGRAM;
        ticket.status = TicketStatus.SUBMITTED;
        return ticket;
    }

    private static Ticket assignedTo(long accountId) {
        Ticket ticket = ticket();
        ticket.status = TicketStatus.CLAIMED;
        ticket.matterClass = MatterClass.MINOR;
        ticket.assigneeId = accountId;
        return ticket;
    }
}
