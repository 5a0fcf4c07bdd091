package io.gridloop.ticket;

/**
 * The tickets and their timeline as other features may read them for figures (metrics): SQL sources
 * to select from, each row one fact with the columns named below. The ticket feature owns the tables,
 * so what an event means (which claim answers which dispatch, which deadline a resolution met, whose
 * resolution a rating judges) is written here, once. Every source has {@code district_id},
 * {@code grid_id} and {@code grid_path} (the ticket's, now) for scope. Events are ordered by
 * (created_at, id), as one ticket's events are written one after the other.
 */
public final class TicketFacts {

    private TicketFacts() {
    }

    /** Each ticket as filed: {@code at} (filed), and its {@code status}, {@code category_id}, {@code source}, {@code matter_class} now. */
    public static final String FILED = """
            SELECT t.id AS ticket_id, t.district_id, t.grid_id, t.grid_path, t.created_at AS at, t.status, t.category_id,
                   t.source, t.matter_class
            FROM ticket t""";

    /**
     * Each dispatch: {@code dispatched_at}, {@code due_at} (its response deadline) and {@code claimed_at},
     * the first claim after it (a dispatched ticket is claimed or cancelled before it can be dispatched
     * again, so the first claim after a dispatch answers that dispatch), or null.
     */
    public static final String RESPONSES = """
            SELECT d.ticket_id, d.district_id, t.grid_id, t.grid_path, d.created_at AS dispatched_at,
                   CAST(d.details->>'responseDueAt' AS timestamptz) AS due_at,
                   (SELECT min(c.created_at) FROM ticket_event c
                    WHERE c.ticket_id = d.ticket_id AND c.action = 'claim' AND (c.created_at, c.id) > (d.created_at, d.id)) AS claimed_at
            FROM ticket_event d JOIN ticket t ON t.id = d.ticket_id
            WHERE d.action = 'dispatch'""";

    /**
     * Each claim (of the pool, or by the named assignee): {@code event_id}, {@code at}, the claimant
     * ({@code actor_id}), and the ticket's {@code kind}, {@code number}, {@code category_id} and
     * {@code status} now. What became of a claim is the claimant's next resolution ({@link #RESOLUTIONS})
     * and the rating that judged it ({@link #RATINGS}).
     */
    public static final String CLAIMS = """
            SELECT c.id AS event_id, c.ticket_id, c.district_id, t.grid_id, t.grid_path, t.kind, c.created_at AS at, c.actor_id,
                   t.number, t.category_id, t.status
            FROM ticket_event c JOIN ticket t ON t.id = c.ticket_id
            WHERE c.action = 'claim'""";

    /**
     * Each resolution: {@code at}, the resolver ({@code actor_id}), {@code started_at} (the dispatch that
     * started its clock; null for PERSONAL guidance, which no dispatch precedes) and {@code due_at}, the
     * resolution deadline in force then: the dispatch's, or the last approved extension's after it.
     */
    public static final String RESOLUTIONS = """
            SELECT r.ticket_id, r.district_id, t.grid_id, t.grid_path, t.kind, r.created_at AS at, r.actor_id,
                   (SELECT x.created_at FROM ticket_event x
                    WHERE x.ticket_id = r.ticket_id AND x.action = 'dispatch' AND (x.created_at, x.id) < (r.created_at, r.id)
                    ORDER BY x.created_at DESC, x.id DESC LIMIT 1) AS started_at,
                   (SELECT CAST(CASE x.action WHEN 'dispatch' THEN x.details->>'resolutionDueAt' ELSE x.details->>'to' END AS timestamptz)
                    FROM ticket_event x
                    WHERE x.ticket_id = r.ticket_id AND (x.created_at, x.id) < (r.created_at, r.id)
                      AND (x.action = 'dispatch' OR (x.action = 'decide-extension' AND x.details->>'approved' = 'true'))
                    ORDER BY x.created_at DESC, x.id DESC LIMIT 1) AS due_at
            FROM ticket_event r JOIN ticket t ON t.id = r.ticket_id
            WHERE r.action = 'resolve'""";

    /**
     * SQL: whether a resolution (a row of {@link #RESOLUTIONS} named {@code alias}) was on time (按期): no
     * later than the deadline in force then. Null for one without a deadline (PERSONAL guidance). The one
     * definition the metrics' on-time closure rate and a member's card and ledger share.
     */
    public static String onTime(String alias) {
        if (!alias.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("a table alias, not " + alias);
        }
        return "%1$s.at <= %1$s.due_at".formatted(alias);
    }

    /**
     * Each rating by the reporter (not the window's auto-close): {@code at}, {@code rating},
     * {@code solved}, {@code reopened} (it sent the ticket back, 重办) and {@code resolver_id}, who
     * made the resolution it judges (the last resolution before it).
     */
    public static final String RATINGS = """
            SELECT f.ticket_id, f.district_id, t.grid_id, t.grid_path, t.kind, f.created_at AS at, f.details->>'rating' AS rating,
                   f.details->>'solved' AS solved, f.to_status = 'TRIAGED' AS reopened,
                   (SELECT x.actor_id FROM ticket_event x
                    WHERE x.ticket_id = f.ticket_id AND x.action = 'resolve' AND (x.created_at, x.id) < (f.created_at, f.id)
                    ORDER BY x.created_at DESC, x.id DESC LIMIT 1) AS resolver_id
            FROM ticket_event f JOIN ticket t ON t.id = f.ticket_id
            WHERE f.action = 'feedback'""";

    /**
     * Each change of supervision: {@code event_id}, {@code at}, {@code overdue} (the overdue scan raised it:
     * a deadline passed) and {@code level} (YELLOW, RED, or NORMAL when a supervisor lowered it).
     */
    public static final String SUPERVISION = """
            SELECT s.id AS event_id, s.ticket_id, s.district_id, t.grid_id, t.grid_path, s.created_at AS at, s.action = 'escalate' AS overdue,
                   s.details->>'level' AS level
            FROM ticket_event s JOIN ticket t ON t.id = s.ticket_id
            WHERE s.action IN ('escalate', 'supervise')""";
}
