package io.gridloop.ticket;

import static io.gridloop.ticket.TicketStatus.CANCELLED;
import static io.gridloop.ticket.TicketStatus.CLAIMED;
import static io.gridloop.ticket.TicketStatus.CLOSED;
import static io.gridloop.ticket.TicketStatus.DISPATCHED;
import static io.gridloop.ticket.TicketStatus.IN_PROGRESS;
import static io.gridloop.ticket.TicketStatus.REJECTED;
import static io.gridloop.ticket.TicketStatus.RESOLVED;
import static io.gridloop.ticket.TicketStatus.SUBMITTED;
import static io.gridloop.ticket.TicketStatus.TRIAGED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.gridloop.catalog.MatterClass;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.ticket.TicketTerms.DispatchTarget;
import io.gridloop.ticket.TicketTerms.Priority;
import io.gridloop.ticket.TicketTerms.Rating;
import io.gridloop.ticket.TicketTerms.RejectReason;
import io.gridloop.ticket.TicketTerms.Solved;
import io.gridloop.ticket.TicketTerms.Supervision;

/** The state machine of SPEC §1.6 on the model alone: no Quarkus, no database. */
class TicketStateMachineTest {

    private static final OffsetDateTime EARLIER = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    private static final OffsetDateTime NOW = EARLIER.plusHours(5);
    private static final OffsetDateTime LATER = NOW.plusDays(7);
    private static final Ticket.Deadlines DEADLINES = new Ticket.Deadlines(NOW.plusHours(24), NOW.plusHours(48),
            NOW.plusDays(3), NOW.plusDays(6));
    private static final int MAX_REOPENS = 2;

    /** SPEC §1.6, written out by hand: the states each action may start from. */
    private static final Map<TicketAction, Set<TicketStatus>> SPEC_TABLE = new EnumMap<>(Map.ofEntries(
            Map.entry(TicketAction.FILE, EnumSet.noneOf(TicketStatus.class)),
            Map.entry(TicketAction.TRIAGE, EnumSet.of(SUBMITTED)),
            Map.entry(TicketAction.DISPATCH, EnumSet.of(SUBMITTED, TRIAGED)),
            Map.entry(TicketAction.CLAIM, EnumSet.of(DISPATCHED)),
            Map.entry(TicketAction.START, EnumSet.of(CLAIMED)),
            Map.entry(TicketAction.NOTE, EnumSet.of(CLAIMED, IN_PROGRESS, RESOLVED)),
            Map.entry(TicketAction.RELEASE, EnumSet.of(CLAIMED, IN_PROGRESS)),
            Map.entry(TicketAction.RESOLVE, EnumSet.of(CLAIMED, IN_PROGRESS, TRIAGED)),
            Map.entry(TicketAction.VERIFY, EnumSet.of(RESOLVED)),
            Map.entry(TicketAction.FEEDBACK, EnumSet.of(RESOLVED)),
            Map.entry(TicketAction.AUTO_CLOSE, EnumSet.of(RESOLVED)),
            Map.entry(TicketAction.CANCEL, EnumSet.of(SUBMITTED, TRIAGED, DISPATCHED)),
            Map.entry(TicketAction.REJECT, EnumSet.of(SUBMITTED, TRIAGED)),
            Map.entry(TicketAction.SUPERVISE, EnumSet.of(SUBMITTED, TRIAGED, DISPATCHED, CLAIMED, IN_PROGRESS, RESOLVED)),
            Map.entry(TicketAction.REQUEST_EXTENSION, EnumSet.of(CLAIMED, IN_PROGRESS)),
            Map.entry(TicketAction.DECIDE_EXTENSION, EnumSet.of(CLAIMED, IN_PROGRESS)),
            Map.entry(TicketAction.REMIND, EnumSet.of(DISPATCHED, CLAIMED, IN_PROGRESS)),
            Map.entry(TicketAction.ESCALATE, EnumSet.of(DISPATCHED, CLAIMED, IN_PROGRESS))));

    /**
     * Each entity method, called with ordinary arguments on a MINOR ticket that was pooled, claimed by
     * account 7 and resolved where its state implies it: the state it must land in from each state it
     * may start from. Every state not listed must be refused.
     */
    private static final Map<String, Map<TicketStatus, TicketStatus>> TRANSITIONS = new LinkedHashMap<>();
    private static final Map<String, Consumer<Ticket>> METHODS = new LinkedHashMap<>();

    static {
        method("triage", t -> t.triage(MatterClass.MINOR, Priority.HIGH, 2L), SUBMITTED, TRIAGED);
        method("dispatch", t -> t.dispatch(DispatchTarget.POOL, null, null, MatterClass.MINOR, DEADLINES, NOW),
                SUBMITTED, DISPATCHED, TRIAGED, DISPATCHED);
        method("claim", t -> t.claimBy(7L, NOW), DISPATCHED, CLAIMED);
        method("start", Ticket::start, CLAIMED, IN_PROGRESS);
        method("note", Ticket::note, CLAIMED, CLAIMED, IN_PROGRESS, IN_PROGRESS, RESOLVED, RESOLVED);
        method("release", Ticket::release, CLAIMED, TRIAGED, IN_PROGRESS, TRIAGED);
        method("resolve", t -> t.resolve("已处理", NOW, LATER), CLAIMED, RESOLVED, IN_PROGRESS, RESOLVED);
        method("verify passed", t -> t.verify(true, NOW, LATER), RESOLVED, RESOLVED);
        method("verify failed", t -> t.verify(false, NOW, LATER), RESOLVED, IN_PROGRESS);
        method("feedback satisfied", t -> t.feedback(Rating.SATISFIED, Solved.SOLVED, null, false, MAX_REOPENS, NOW),
                RESOLVED, CLOSED);
        method("feedback basically satisfied",
                t -> t.feedback(Rating.BASICALLY_SATISFIED, Solved.PARTLY, null, false, MAX_REOPENS, NOW), RESOLVED, CLOSED);
        method("feedback dissatisfied",
                t -> t.feedback(Rating.DISSATISFIED, Solved.UNSOLVED, null, false, MAX_REOPENS, NOW), RESOLVED, TRIAGED);
        method("cancel", t -> t.cancel(NOW), SUBMITTED, CANCELLED, TRIAGED, CANCELLED, DISPATCHED, CANCELLED);
        method("reject", t -> t.reject(RejectReason.INVALID, null, NOW), SUBMITTED, REJECTED, TRIAGED, REJECTED);
        method("supervise", t -> t.supervise(Supervision.RED), SUBMITTED, SUBMITTED, TRIAGED, TRIAGED, DISPATCHED, DISPATCHED,
                CLAIMED, CLAIMED, IN_PROGRESS, IN_PROGRESS, RESOLVED, RESOLVED);
        method("request extension", t -> t.requestExtension(5L, LATER), CLAIMED, CLAIMED, IN_PROGRESS, IN_PROGRESS);
        method("request and decide extension", t -> {
            t.requestExtension(5L, LATER);
            t.decideExtension(5L, true, LATER, LATER);
        }, CLAIMED, CLAIMED, IN_PROGRESS, IN_PROGRESS);
    }

    private static void method(String name, Consumer<Ticket> call, TicketStatus... fromTo) {
        Map<TicketStatus, TicketStatus> transitions = new EnumMap<>(TicketStatus.class);
        for (int i = 0; i < fromTo.length; i += 2) {
            transitions.put(fromTo[i], fromTo[i + 1]);
        }
        TRANSITIONS.put(name, transitions);
        METHODS.put(name, call);
    }

    // ---- the table ------------------------------------------------------------------------------

    static Stream<Arguments> everyStatusAndAction() {
        return Arrays.stream(TicketStatus.values()).flatMap(status -> Arrays.stream(TicketAction.values())
                .map(action -> Arguments.of(status, action, SPEC_TABLE.get(action).contains(status))));
    }

    @Test
    void the_table_names_every_action_and_state() {
        assertEquals(EnumSet.allOf(TicketAction.class), SPEC_TABLE.keySet(), "an action without a row in SPEC_TABLE");
        assertEquals(9 * 18, everyStatusAndAction().count());
    }

    @ParameterizedTest(name = "{1} from {0}: {2}")
    @MethodSource("everyStatusAndAction")
    void an_action_is_allowed_exactly_from_the_states_of_the_spec(TicketStatus status, TicketAction action, boolean allowed) {
        assertEquals(allowed, action.allowedFrom(status));
    }

    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    void only_closed_cancelled_and_rejected_are_terminal_and_nothing_leaves_them(TicketStatus status) {
        boolean terminal = status == CLOSED || status == CANCELLED || status == REJECTED;
        assertEquals(terminal, status.terminal());
        if (terminal) {
            for (TicketAction action : TicketAction.values()) {
                assertFalse(action.allowedFrom(status), action + " from " + status);
            }
        }
    }

    @Test
    void action_slugs_are_the_url_and_timeline_names() {
        assertEquals("auto-close", TicketAction.AUTO_CLOSE.slug());
        assertEquals("triage", TicketAction.TRIAGE.slug());
    }

    // ---- every entity method from every state -----------------------------------------------------

    static Stream<Arguments> everyMethodFromEveryStatus() {
        return METHODS.keySet().stream().flatMap(name -> Arrays.stream(TicketStatus.values())
                .map(status -> Arguments.of(name, status, TRANSITIONS.get(name).get(status))));
    }

    @ParameterizedTest(name = "{0} from {1} → {2}")
    @MethodSource("everyMethodFromEveryStatus")
    void an_allowed_transition_lands_in_its_state_and_a_forbidden_one_changes_nothing(String method, TicketStatus from,
            TicketStatus to) {
        Ticket ticket = ticketIn(from);
        Map<String, Object> before = fields(ticket);
        if (to == null) {
            assertThrows(TransitionRefused.class, () -> METHODS.get(method).accept(ticket));
            assertEquals(before, fields(ticket), "a refused " + method + " changed the ticket");
        } else {
            METHODS.get(method).accept(ticket);
            assertEquals(to, ticket.status);
        }
    }

    // ---- the details of each transition ------------------------------------------------------------

    @Test
    void triage_classifies_recategorises_and_keeps_the_priority_when_none_is_given() {
        Ticket ticket = ticketIn(SUBMITTED);
        ticket.priority = Priority.HIGH;
        ticket.triage(MatterClass.MAJOR, null, 5L);
        assertEquals(TRIAGED, ticket.status);
        assertEquals(MatterClass.MAJOR, ticket.matterClass);
        assertEquals(Priority.HIGH, ticket.priority);
        assertEquals(5L, ticket.categoryId);
    }

    @Test
    void dispatch_names_the_pool_an_account_or_a_unit_and_nothing_else() {
        Ticket pooled = ticketIn(TRIAGED);
        pooled.dispatch(DispatchTarget.POOL, 7L, 3L, MatterClass.MINOR, DEADLINES, NOW);
        assertEquals(DispatchTarget.POOL, pooled.dispatchTarget);
        assertNull(pooled.assigneeId);
        assertNull(pooled.assigneeUnitId);

        Ticket direct = ticketIn(TRIAGED);
        direct.dispatch(DispatchTarget.ACCOUNT, 7L, 3L, MatterClass.MINOR, DEADLINES, NOW);
        assertEquals(DispatchTarget.ACCOUNT, direct.dispatchTarget);
        assertEquals(7L, direct.assigneeId);
        assertNull(direct.assigneeUnitId);

        Ticket unit = ticketIn(TRIAGED);
        unit.matterClass = MatterClass.MAJOR;
        unit.dispatch(DispatchTarget.UNIT, 7L, 3L, MatterClass.MINOR, DEADLINES, NOW);
        assertEquals(DispatchTarget.UNIT, unit.dispatchTarget);
        assertNull(unit.assigneeId);
        assertEquals(3L, unit.assigneeUnitId);
        assertEquals(MatterClass.MAJOR, unit.matterClass, "the triaged class wins over the category's default");
    }

    @Test
    void dispatch_without_triage_takes_the_categorys_default_class() {
        Ticket ticket = ticketIn(SUBMITTED);
        assertNull(ticket.matterClass);
        ticket.dispatch(DispatchTarget.POOL, null, null, MatterClass.MINOR, DEADLINES, NOW);
        assertEquals(DISPATCHED, ticket.status);
        assertEquals(MatterClass.MINOR, ticket.matterClass);
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = { "SUBMITTED", "TRIAGED" })
    void dispatch_refuses_a_personal_matter_and_changes_nothing(TicketStatus from) {
        Ticket triaged = ticketIn(from);
        triaged.matterClass = MatterClass.PERSONAL;
        Map<String, Object> before = fields(triaged);
        assertThrows(TransitionRefused.class, () -> triaged.dispatch(DispatchTarget.POOL, null, null, MatterClass.MINOR, DEADLINES, NOW));
        assertEquals(before, fields(triaged));

        Ticket byDefault = ticketIn(from);
        byDefault.matterClass = null;
        Map<String, Object> untouched = fields(byDefault);
        assertThrows(TransitionRefused.class,
                () -> byDefault.dispatch(DispatchTarget.ACCOUNT, 7L, null, MatterClass.PERSONAL, DEADLINES, NOW));
        assertEquals(untouched, fields(byDefault), "a refused dispatch must not keep the default class either");
    }

    @ParameterizedTest
    @EnumSource(value = MatterClass.class, names = { "MAJOR", "MINOR" })
    void resolve_from_triaged_is_refused_unless_the_matter_is_personal(MatterClass matterClass) {
        Ticket ticket = ticketIn(TRIAGED);
        ticket.matterClass = matterClass;
        Map<String, Object> before = fields(ticket);
        assertThrows(TransitionRefused.class, () -> ticket.resolve("已答复", NOW, LATER));
        assertEquals(before, fields(ticket));
    }

    @Test
    void resolve_from_triaged_is_refused_for_an_unclassified_matter() {
        Ticket ticket = ticketIn(TRIAGED);
        ticket.matterClass = null;
        Map<String, Object> before = fields(ticket);
        assertThrows(TransitionRefused.class, () -> ticket.resolve("已答复", NOW, LATER));
        assertEquals(before, fields(ticket));
    }

    @Test
    void a_personal_matter_is_resolved_from_triaged_with_guidance() {
        Ticket ticket = ticketIn(TRIAGED);
        ticket.matterClass = MatterClass.PERSONAL;
        ticket.resolve("可携带社保卡到街道医保窗口办理", NOW, LATER);
        assertEquals(RESOLVED, ticket.status);
        assertEquals("可携带社保卡到街道医保窗口办理", ticket.resolution);
        assertEquals(NOW, ticket.resolvedAt);
        assertNull(ticket.verifiedAt);
    }

    @Test
    void resolve_records_the_result_and_clears_an_earlier_verification() {
        Ticket ticket = ticketIn(IN_PROGRESS);
        ticket.verifiedAt = EARLIER;
        ticket.resolve("已更换灯泡", NOW, LATER);
        assertEquals(RESOLVED, ticket.status);
        assertEquals("已更换灯泡", ticket.resolution);
        assertEquals(NOW, ticket.resolvedAt);
        assertNull(ticket.verifiedAt);
        assertEquals(7L, ticket.assigneeId, "the assignee keeps the ticket until it closes");
    }

    @Test
    void verify_passed_keeps_the_ticket_resolved_and_sets_verified_at() {
        Ticket ticket = ticketIn(RESOLVED);
        ticket.verify(true, NOW, LATER);
        assertEquals(RESOLVED, ticket.status);
        assertEquals(NOW, ticket.verifiedAt);
        assertEquals("已处理", ticket.resolution);
    }

    @Test
    void verify_failed_sends_the_work_back_to_the_assignee() {
        Ticket ticket = ticketIn(RESOLVED);
        ticket.verifiedAt = EARLIER;
        ticket.verify(false, NOW, LATER);
        assertEquals(IN_PROGRESS, ticket.status);
        assertNull(ticket.verifiedAt);
        assertEquals(7L, ticket.assigneeId);
    }

    @Test
    void feedback_is_refused_until_verified_when_the_category_requires_it() {
        Ticket ticket = ticketIn(RESOLVED);
        Map<String, Object> before = fields(ticket);
        assertThrows(TransitionRefused.class,
                () -> ticket.feedback(Rating.SATISFIED, Solved.SOLVED, "谢谢", true, MAX_REOPENS, NOW));
        assertEquals(before, fields(ticket));

        ticket.verify(true, EARLIER, LATER);
        ticket.feedback(Rating.SATISFIED, Solved.SOLVED, "谢谢", true, MAX_REOPENS, NOW);
        assertEquals(CLOSED, ticket.status);
    }

    @Test
    void dissatisfied_feedback_before_verification_is_refused_too_when_required() {
        Ticket ticket = ticketIn(RESOLVED);
        Map<String, Object> before = fields(ticket);
        assertThrows(TransitionRefused.class,
                () -> ticket.feedback(Rating.DISSATISFIED, Solved.UNSOLVED, null, true, MAX_REOPENS, NOW));
        assertEquals(before, fields(ticket));
    }

    @Test
    void satisfied_feedback_closes_with_the_rating() {
        Ticket ticket = ticketIn(RESOLVED);
        ticket.feedback(Rating.BASICALLY_SATISFIED, Solved.PARTLY, "还行", false, MAX_REOPENS, NOW);
        assertEquals(CLOSED, ticket.status);
        assertEquals(NOW, ticket.closedAt);
        assertEquals(Rating.BASICALLY_SATISFIED, ticket.rating);
        assertEquals(Solved.PARTLY, ticket.solved);
        assertEquals("还行", ticket.feedbackComment);
        assertEquals(0, ticket.reopenCount);
        assertFalse(ticket.flaggedForCommunity);
    }

    @Test
    void dissatisfied_feedback_reopens_to_triage_with_the_assignment_cleared() {
        Ticket ticket = ticketIn(RESOLVED);
        ticket.verifiedAt = EARLIER;
        ticket.feedback(Rating.DISSATISFIED, Solved.UNSOLVED, "灯还是不亮", false, MAX_REOPENS, NOW);
        assertEquals(TRIAGED, ticket.status);
        assertEquals(1, ticket.reopenCount);
        assertNull(ticket.dispatchTarget);
        assertNull(ticket.assigneeId);
        assertNull(ticket.assigneeUnitId);
        assertNull(ticket.claimedAt);
        assertNull(ticket.resolution);
        assertNull(ticket.resolvedAt);
        assertNull(ticket.verifiedAt);
        assertNull(ticket.closedAt);
        assertEquals(Rating.DISSATISFIED, ticket.rating);
        assertFalse(ticket.flaggedForCommunity);
    }

    @Test
    void after_the_maximum_reopens_dissatisfied_feedback_closes_and_flags_for_the_community() {
        Ticket ticket = ticketIn(RESOLVED);
        for (int reopened = 1; reopened <= MAX_REOPENS; reopened++) {
            ticket.feedback(Rating.DISSATISFIED, Solved.UNSOLVED, null, false, MAX_REOPENS, NOW);
            assertEquals(TRIAGED, ticket.status);
            assertEquals(reopened, ticket.reopenCount);
            assertFalse(ticket.flaggedForCommunity);
            ticket.dispatch(DispatchTarget.ACCOUNT, 7L, null, MatterClass.MINOR, DEADLINES, NOW);
            ticket.status = CLAIMED; // the claim is settled in SQL
            ticket.resolve("再次处理", NOW, LATER);
        }
        ticket.feedback(Rating.DISSATISFIED, Solved.UNSOLVED, "还是没解决", false, MAX_REOPENS, NOW);
        assertEquals(CLOSED, ticket.status);
        assertTrue(ticket.flaggedForCommunity);
        assertEquals(MAX_REOPENS, ticket.reopenCount);
        assertEquals(NOW, ticket.closedAt);
        assertEquals(Rating.DISSATISFIED, ticket.rating);
    }

    @Test
    void with_no_reopens_allowed_the_first_dissatisfied_rating_closes_flagged() {
        Ticket ticket = ticketIn(RESOLVED);
        ticket.feedback(Rating.DISSATISFIED, Solved.UNSOLVED, null, false, 0, NOW);
        assertEquals(CLOSED, ticket.status);
        assertTrue(ticket.flaggedForCommunity);
        assertEquals(0, ticket.reopenCount);
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = { "CLAIMED", "IN_PROGRESS" })
    void release_returns_to_triage_and_clears_the_assignment(TicketStatus from) {
        Ticket ticket = ticketIn(from);
        ticket.assigneeUnitId = 3L;
        ticket.release();
        assertEquals(TRIAGED, ticket.status);
        assertNull(ticket.dispatchTarget);
        assertNull(ticket.assigneeId);
        assertNull(ticket.assigneeUnitId);
        assertNull(ticket.claimedAt);
        assertEquals(MatterClass.MINOR, ticket.matterClass, "the triage stands");
    }

    @Test
    void start_and_note_touch_nothing_but_the_status() {
        Ticket ticket = ticketIn(CLAIMED);
        Map<String, Object> before = fields(ticket);
        ticket.note();
        assertEquals(before, fields(ticket));
        ticket.start();
        before.put("status", IN_PROGRESS);
        assertEquals(before, fields(ticket));
    }

    @Test
    void cancel_ends_the_ticket() {
        Ticket ticket = ticketIn(DISPATCHED);
        ticket.cancel(NOW);
        assertEquals(CANCELLED, ticket.status);
        assertEquals(NOW, ticket.closedAt);
    }

    @Test
    void reject_records_the_reason_and_the_original_of_a_duplicate() {
        Ticket ticket = ticketIn(TRIAGED);
        ticket.reject(RejectReason.DUPLICATE, 41L, NOW);
        assertEquals(REJECTED, ticket.status);
        assertEquals(RejectReason.DUPLICATE, ticket.rejectReason);
        assertEquals(41L, ticket.duplicateOf);
        assertEquals(NOW, ticket.closedAt);
    }

    @Test
    void a_refusal_names_the_action_and_the_state_as_an_invalid_transition() {
        TransitionRefused refused = assertThrows(TransitionRefused.class, () -> ticketIn(CLOSED).cancel(NOW));
        assertEquals(ProblemType.INVALID_TRANSITION, refused.type());
        assertEquals("ticket.transition-refused", refused.detailKey());
        assertEquals(Arrays.asList("cancel", "CLOSED"), Arrays.asList(refused.arguments()));
    }

    // ---- fixtures --------------------------------------------------------------------------------

    /** A MINOR ticket in this state with what the way there would have set on it. */
    // ---- deadlines, supervision and extensions ---------------------------------------------------

    @Test
    void dispatch_starts_the_clock_and_a_reopen_stops_it_until_the_next_dispatch() {
        Ticket ticket = ticketIn(TRIAGED);
        ticket.escalation = Supervision.YELLOW;
        ticket.dispatch(DispatchTarget.POOL, null, null, MatterClass.MINOR, DEADLINES, NOW);
        assertEquals(NOW, ticket.dispatchedAt);
        assertEquals(DEADLINES, new Ticket.Deadlines(ticket.responseDueAt, ticket.responseRedAt, ticket.resolutionDueAt,
                ticket.resolutionRedAt));
        assertEquals(Supervision.NORMAL, ticket.escalation, "fresh limits are scanned afresh");

        Ticket reopened = ticketIn(RESOLVED);
        reopened.responseDueAt = NOW;
        reopened.resolutionDueAt = NOW;
        reopened.feedbackDueAt = LATER;
        reopened.feedback(Rating.DISSATISFIED, Solved.UNSOLVED, null, false, MAX_REOPENS, NOW);
        assertEquals(TRIAGED, reopened.status);
        assertNull(reopened.responseDueAt);
        assertNull(reopened.resolutionDueAt);
        assertNull(reopened.feedbackDueAt);
        assertNull(reopened.dispatchedAt);
    }

    @Test
    void resolution_opens_the_feedback_window_or_verification_does_when_the_category_wants_it_first() {
        Ticket plain = ticketIn(IN_PROGRESS);
        plain.resolve("已处理", NOW, LATER);
        assertEquals(LATER, plain.feedbackDueAt);

        Ticket verified = ticketIn(IN_PROGRESS);
        verified.resolve("已处理", NOW, null);
        assertNull(verified.feedbackDueAt);
        verified.verify(true, NOW, LATER);
        assertEquals(LATER, verified.feedbackDueAt);

        Ticket failed = ticketIn(RESOLVED);
        failed.feedbackDueAt = LATER;
        failed.verify(false, NOW, LATER);
        assertNull(failed.feedbackDueAt, "no feedback is asked while the work goes on");
    }

    @Test
    void supervision_may_go_up_or_down_but_not_on_a_finished_ticket() {
        Ticket ticket = ticketIn(IN_PROGRESS);
        ticket.supervise(Supervision.RED);
        assertEquals(Supervision.RED, ticket.supervision);
        ticket.supervise(Supervision.NORMAL);
        assertEquals(Supervision.NORMAL, ticket.supervision);
        assertThrows(TransitionRefused.class, () -> ticketIn(CLOSED).supervise(Supervision.RED));
    }

    @Test
    void one_extension_request_at_a_time_and_only_for_a_later_time() {
        Ticket ticket = ticketIn(IN_PROGRESS);
        ticket.resolutionDueAt = NOW;
        // one rule, one answer: a time not later than the deadline is a bad field (400), checked here only
        ProblemException earlier = assertThrows(ProblemException.class, () -> ticket.requestExtension(5L, NOW));
        assertEquals(ProblemType.VALIDATION, earlier.type());
        assertEquals("dueAt", earlier.violations().get(0).field());
        assertEquals("ticket.extension-not-later", earlier.violations().get(0).message());
        ticket.requestExtension(5L, LATER);
        assertEquals(5L, ticket.extensionRequestId);
        ProblemException second = assertThrows(ProblemException.class, () -> ticket.requestExtension(6L, LATER.plusDays(1)));
        assertEquals(ProblemType.DUPLICATE, second.type());
        assertEquals("ticket.extension-open", second.detailKey());
    }

    @Test
    void an_approved_extension_moves_the_deadline_and_a_refused_one_leaves_it() {
        Ticket approved = ticketIn(IN_PROGRESS);
        approved.resolutionDueAt = NOW;
        approved.escalation = Supervision.YELLOW;
        approved.requestExtension(5L, LATER);
        assertThrows(TransitionRefused.class, () -> approved.decideExtension(6L, true, LATER, LATER));
        approved.decideExtension(5L, true, LATER, LATER.plusDays(3));
        assertEquals(LATER, approved.resolutionDueAt);
        assertEquals(LATER.plusDays(3), approved.resolutionRedAt);
        assertEquals(Supervision.NORMAL, approved.escalation);
        assertNull(approved.extensionRequestId);

        Ticket refused = ticketIn(IN_PROGRESS);
        refused.resolutionDueAt = NOW;
        refused.requestExtension(5L, LATER);
        refused.decideExtension(5L, false, LATER, LATER);
        assertEquals(NOW, refused.resolutionDueAt);
        assertNull(refused.extensionRequestId);
        assertThrows(TransitionRefused.class, () -> refused.decideExtension(5L, true, LATER, LATER), "decided once");
    }

    private static Ticket ticketIn(TicketStatus status) {
        Ticket ticket = new Ticket();
        ticket.id = 40L;
        ticket.districtId = 1L;
        ticket.number = "GL-2026-000040";
        ticket.categoryId = 1L;
        ticket.title = "小区东门路灯不亮";
        ticket.gridId = 4L;
        ticket.gridPath = "/1/2/3/4/";
        ticket.reporterId = 9L;
        ticket.status = status;
        ticket.version = 3L;
        ticket.updatedAt = EARLIER;
        if (status != SUBMITTED) {
            ticket.matterClass = MatterClass.MINOR;
        }
        if (EnumSet.of(DISPATCHED, CLAIMED, IN_PROGRESS, RESOLVED, CLOSED).contains(status)) {
            ticket.dispatchTarget = DispatchTarget.POOL;
        }
        if (EnumSet.of(CLAIMED, IN_PROGRESS, RESOLVED, CLOSED).contains(status)) {
            ticket.assigneeId = 7L;
            ticket.claimedAt = EARLIER;
        }
        if (EnumSet.of(RESOLVED, CLOSED).contains(status)) {
            ticket.resolution = "已处理";
            ticket.resolvedAt = EARLIER;
        }
        if (status == CLOSED) {
            ticket.rating = Rating.SATISFIED;
            ticket.solved = Solved.SOLVED;
        }
        if (status == REJECTED) {
            ticket.rejectReason = RejectReason.INVALID;
        }
        if (status.terminal()) {
            ticket.closedAt = EARLIER;
        }
        return ticket;
    }

    /** Every persistent field of the ticket by name, to show that a refusal changed none. */
    private static Map<String, Object> fields(Ticket ticket) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : Ticket.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic() || field.getName().startsWith("$$")) {
                continue;
            }
            try {
                field.setAccessible(true);
                values.put(field.getName(), field.get(ticket));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        assertNotNull(values.get("status"));
        assertTrue(values.size() > 30, "the snapshot sees the entity's fields");
        return values;
    }

    @Test
    void filing_makes_a_submitted_ticket_that_only_triage_dispatch_cancel_reject_and_supervise_may_move() {
        Ticket filed = Ticket.file(1L, new Ticket.Filing(TicketTerms.Kind.ISSUE, 2L, "路灯不亮", null, null, null,
                null, false, 3L, "/1/2/3/", TicketTerms.Source.MINI_PROGRAM, 4L, null, null), NOW);
        assertEquals(SUBMITTED, filed.status);
        assertEquals(EnumSet.of(TicketAction.TRIAGE, TicketAction.DISPATCH, TicketAction.CANCEL, TicketAction.REJECT,
                TicketAction.SUPERVISE), Arrays.stream(TicketAction.values()).filter(a -> a.allowedFrom(filed.status))
                        .collect(java.util.stream.Collectors.toCollection(() -> EnumSet.noneOf(TicketAction.class))));
    }

    @Test
    void a_claim_makes_the_claimant_the_assignee_and_starts_the_scan_afresh() {
        Ticket ticket = new Ticket();
        ticket.status = DISPATCHED;
        ticket.escalation = Supervision.YELLOW;
        ticket.claimBy(7L, NOW);
        assertEquals(CLAIMED, ticket.status);
        assertEquals(7L, ticket.assigneeId);
        assertEquals(NOW, ticket.claimedAt);
        assertEquals(Supervision.NORMAL, ticket.escalation);
    }

    /** The statements that settle actions in the database bind the states of this very table, never a copy. */
    @Test
    void the_sql_that_settles_claims_and_the_overdue_filter_binds_the_tables_states() {
        var claimable = TicketScope.claimableBy(7L, List.of(new io.gridloop.shared.security.Binding(
                io.gridloop.shared.security.Role.PARTY_MEMBER, 2L, "/1/2/", null)));
        assertEquals(TicketAction.CLAIM.fromNames(), claimable.parameters().get("claimFrom"));
        var overdue = TicketQueries.overdue(NOW);
        assertEquals(TicketAction.CLAIM.fromNames(), overdue.parameters().get("awaitingClaim"));
        assertEquals(TicketAction.ESCALATE.fromNames(), overdue.parameters().get("inWork"));
        for (TicketStatus status : TicketStatus.values()) {
            Ticket ticket = new Ticket();
            ticket.status = status;
            ticket.responseDueAt = NOW.minusHours(1);
            ticket.resolutionDueAt = NOW.minusHours(1);
            assertEquals(TicketAction.ESCALATE.allowedFrom(status), ticket.overdueAt(NOW), status.name());
        }
    }
}
