package io.gridloop.ticket;

import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;

/** The ticket's state does not allow the action: 409, and nothing changed. */
public class TransitionRefused extends ProblemException {

    TransitionRefused(TicketAction action, TicketStatus status) {
        super(ProblemType.INVALID_TRANSITION, "ticket.transition-refused", action.slug(), status.name());
    }

    TransitionRefused(String detailKey) {
        super(ProblemType.INVALID_TRANSITION, detailKey);
    }
}
