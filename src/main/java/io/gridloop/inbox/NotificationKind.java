package io.gridloop.inbox;

/** What a notification tells its recipient (SPEC §1.6–1.7), and who receives each kind. */
public enum NotificationKind {
    /** A ticket was dispatched: to the named assignee, the unit's handlers, or the pool's eligible members. */
    DISPATCHED,
    /** A deadline is approaching (催办): to the assignee. */
    REMINDER,
    /** A deadline has passed: to the assignee. */
    OVERDUE,
    /** The ticket was resolved: to the reporter. */
    RESOLVED,
    /** The reporter is asked to rate the result: to the reporter. */
    FEEDBACK_REQUESTED,
    /** The reporter was dissatisfied and the ticket is back (重办): to the grid leader. */
    REOPENED,
    /** RED supervision (督办): to the grid leader. */
    SUPERVISED,
    /** The assignee asks for more time (延期): to the grid leaders. */
    EXTENSION_REQUESTED,
    /** An extension was approved or refused: to the assignee. */
    EXTENSION_DECIDED
}
