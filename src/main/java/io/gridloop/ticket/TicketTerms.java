package io.gridloop.ticket;

/** The small vocabularies of a ticket. */
public final class TicketTerms {

    private TicketTerms() {
    }

    public enum Kind { ISSUE, WISH }

    public enum Source { MINI_PROGRAM, PATROL, HOTLINE, WALK_IN, OPEN311, INTEGRATION }

    public enum Priority { LOW, NORMAL, HIGH, URGENT }

    /** Who a dispatched ticket waits for: the claim pool, a named account or a unit. */
    public enum DispatchTarget { POOL, ACCOUNT, UNIT }

    public enum Rating { SATISFIED, BASICALLY_SATISFIED, DISSATISFIED, NOT_RATED }

    public enum Solved { SOLVED, PARTLY, UNSOLVED }

    public enum RejectReason { DUPLICATE, INVALID, OUT_OF_SCOPE }

    /** 督办 levels. */
    public enum Supervision { NORMAL, YELLOW, RED }
}
