package io.gridloop.ticket;

import static io.gridloop.ticket.TicketStatus.CLAIMED;
import static io.gridloop.ticket.TicketStatus.DISPATCHED;
import static io.gridloop.ticket.TicketStatus.IN_PROGRESS;
import static io.gridloop.ticket.TicketStatus.RESOLVED;
import static io.gridloop.ticket.TicketStatus.SUBMITTED;
import static io.gridloop.ticket.TicketStatus.TRIAGED;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The actions of SPEC §1.6 with the states each may start from. Where an action has several
 * outcomes (feedback, verification) the {@link Ticket} decides which; this table only says
 * whether the action may happen at all in a state. Who may act is {@link TicketPolicy}'s concern.
 */
public enum TicketAction {
    FILE(EnumSet.noneOf(TicketStatus.class), null),
    TRIAGE(EnumSet.of(SUBMITTED), TicketFact.Triage.class),
    DISPATCH(EnumSet.of(SUBMITTED, TRIAGED), TicketFact.Dispatch.class),
    CLAIM(EnumSet.of(DISPATCHED), null),
    START(EnumSet.of(CLAIMED), null),
    NOTE(EnumSet.of(CLAIMED, IN_PROGRESS, RESOLVED), null),
    RELEASE(EnumSet.of(CLAIMED, IN_PROGRESS), null),
    /** From TRIAGED only for a PERSONAL matter, answered with guidance. */
    RESOLVE(EnumSet.of(CLAIMED, IN_PROGRESS, TRIAGED), null),
    VERIFY(EnumSet.of(RESOLVED), TicketFact.Verification.class),
    FEEDBACK(EnumSet.of(RESOLVED), TicketFact.Feedback.class),
    AUTO_CLOSE(EnumSet.of(RESOLVED), TicketFact.Feedback.class),
    CANCEL(EnumSet.of(SUBMITTED, TRIAGED, DISPATCHED), null),
    REJECT(EnumSet.of(SUBMITTED, TRIAGED), TicketFact.Rejection.class),
    SUPERVISE(EnumSet.of(SUBMITTED, TRIAGED, DISPATCHED, CLAIMED, IN_PROGRESS, RESOLVED), TicketFact.SupervisionLevel.class),
    REQUEST_EXTENSION(EnumSet.of(CLAIMED, IN_PROGRESS), TicketFact.Extension.class),
    DECIDE_EXTENSION(EnumSet.of(CLAIMED, IN_PROGRESS), TicketFact.Extension.class),
    /** The system's: a deadline is near (催办). */
    REMIND(EnumSet.of(DISPATCHED, CLAIMED, IN_PROGRESS), TicketFact.Reminder.class),
    /** The system's: a deadline has passed, and supervision rises. */
    ESCALATE(EnumSet.of(DISPATCHED, CLAIMED, IN_PROGRESS), TicketFact.SupervisionLevel.class);

    private final Set<TicketStatus> from;
    private final Class<? extends TicketFact> fact;

    TicketAction(Set<TicketStatus> from, Class<? extends TicketFact> fact) {
        this.from = from;
        this.fact = fact;
    }

    public boolean allowedFrom(TicketStatus status) {
        return from.contains(status);
    }

    /**
     * The states as SQL parameter values, for the statements that settle an action in the database
     * (the claim, the deadline jobs, the pool): they bind these, never a list typed again.
     */
    public List<String> fromNames() {
        return from.stream().map(TicketStatus::name).toList();
    }

    /** The kind of fact this action's timeline event carries, or null when it carries none. */
    public Class<? extends TicketFact> fact() {
        return fact;
    }

    /** The action name on the timeline and in URLs: {@code AUTO_CLOSE} → {@code auto-close}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
