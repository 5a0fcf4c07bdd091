package io.gridloop.ticket;

import static io.gridloop.ticket.TicketStatus.CLAIMED;
import static io.gridloop.ticket.TicketStatus.DISPATCHED;
import static io.gridloop.ticket.TicketStatus.IN_PROGRESS;
import static io.gridloop.ticket.TicketStatus.RESOLVED;
import static io.gridloop.ticket.TicketStatus.SUBMITTED;
import static io.gridloop.ticket.TicketStatus.TRIAGED;

import java.util.EnumSet;
import java.util.Set;

/**
 * The actions of SPEC §1.6 with the states each may start from. Where an action has several
 * outcomes (feedback, verification) the {@link Ticket} decides which; this table only says
 * whether the action may happen at all in a state. Who may act is {@link TicketPolicy}'s concern.
 */
public enum TicketAction {
    FILE(EnumSet.noneOf(TicketStatus.class)),
    TRIAGE(EnumSet.of(SUBMITTED)),
    DISPATCH(EnumSet.of(SUBMITTED, TRIAGED)),
    CLAIM(EnumSet.of(DISPATCHED)),
    START(EnumSet.of(CLAIMED)),
    NOTE(EnumSet.of(CLAIMED, IN_PROGRESS, RESOLVED)),
    RELEASE(EnumSet.of(CLAIMED, IN_PROGRESS)),
    /** From TRIAGED only for a PERSONAL matter, answered with guidance. */
    RESOLVE(EnumSet.of(CLAIMED, IN_PROGRESS, TRIAGED)),
    VERIFY(EnumSet.of(RESOLVED)),
    FEEDBACK(EnumSet.of(RESOLVED)),
    AUTO_CLOSE(EnumSet.of(RESOLVED)),
    CANCEL(EnumSet.of(SUBMITTED, TRIAGED, DISPATCHED)),
    REJECT(EnumSet.of(SUBMITTED, TRIAGED)),
    SUPERVISE(EnumSet.of(SUBMITTED, TRIAGED, DISPATCHED, CLAIMED, IN_PROGRESS, RESOLVED)),
    REQUEST_EXTENSION(EnumSet.of(CLAIMED, IN_PROGRESS)),
    DECIDE_EXTENSION(EnumSet.of(CLAIMED, IN_PROGRESS)),
    /** The system's: a deadline is near (催办). */
    REMIND(EnumSet.of(DISPATCHED, CLAIMED, IN_PROGRESS)),
    /** The system's: a deadline has passed, and supervision rises. */
    ESCALATE(EnumSet.of(DISPATCHED, CLAIMED, IN_PROGRESS));

    private final Set<TicketStatus> from;

    TicketAction(Set<TicketStatus> from) {
        this.from = from;
    }

    public boolean allowedFrom(TicketStatus status) {
        return from.contains(status);
    }

    /** The action name on the timeline and in URLs: {@code AUTO_CLOSE} → {@code auto-close}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
