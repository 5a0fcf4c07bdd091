package io.gridloop.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.jboss.logging.Logger;

import io.gridloop.shared.sql.CustomPlans;
import io.gridloop.shared.sql.Where;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The scheduled work of SPEC §1.7: the overdue scan, reminders (催办) and auto-close. Each job takes
 * its tickets in batches with {@code FOR UPDATE SKIP LOCKED}, so any number of instances (or threads)
 * may run it at once: a ticket one run holds is skipped by the others, and a ticket it has finished
 * no longer matches. Each batch, its timeline events and its notifications commit together.
 */
@ApplicationScoped
public class DeadlineJobs {

    private static final Logger LOG = Logger.getLogger(DeadlineJobs.class);
    private static final int BATCH = 500;

    /** Past the RED time of the deadline that applies (the scan's candidates are open tickets only). */
    private static final String PAST_RED = "((t.status IN (:awaitingClaim) AND t.response_red_at < :now) OR t.resolution_red_at < :now)";

    /** Supervision rises to the level the ticket's deadlines call for, if the scan has not applied it yet. */
    private static final String ESCALATE = """
            WITH due AS (
                SELECT t.id, CASE WHEN %1$s THEN 'RED' ELSE 'YELLOW' END AS level
                FROM ticket t
                WHERE (%2$s)
                  AND t.status IN (:escalateFrom)
                  AND t.escalation <> 'RED'
                  AND (t.escalation = 'NORMAL' OR %1$s)
                LIMIT :batch
                FOR UPDATE OF t SKIP LOCKED
            ), raised AS (
                UPDATE ticket t SET escalation = due.level,
                       supervision = CASE WHEN due.level = 'RED' OR t.supervision = 'NORMAL' THEN due.level ELSE t.supervision END,
                       version = t.version + 1, updated_at = :now
                FROM due WHERE t.id = due.id
                RETURNING t.id, t.district_id, t.status, due.level
            )
            INSERT INTO ticket_event (id, ticket_id, district_id, actor_role, action, from_status, to_status, details, created_at)
            SELECT nextval('ticket_event_seq'), id, district_id, 'SYSTEM', :action, status, status,
                   jsonb_build_object('level', level), :now FROM raised
            RETURNING ticket_id, details ->> 'level'""".formatted(PAST_RED, TicketQueries.overdue(null).sql());

    /** Each deadline within the lead time is reminded once; a moved deadline is a new one. */
    private static final String REMIND = """
            WITH due AS (
                SELECT t.id, t.district_id, t.status, d.deadline, d.due_at
                FROM ticket t
                CROSS JOIN LATERAL (VALUES ('RESPONSE', CASE WHEN t.status IN (:awaitingClaim) THEN t.response_due_at END),
                                           ('RESOLUTION', t.resolution_due_at)) AS d (deadline, due_at)
                WHERE ((t.status IN (:awaitingClaim) AND t.response_due_at > :now AND t.response_due_at <= :horizon)
                       OR (t.status IN (:inWork) AND t.resolution_due_at > :now AND t.resolution_due_at <= :horizon))
                  AND t.status IN (:remindFrom)
                  AND d.due_at > :now AND d.due_at <= :horizon
                  AND NOT EXISTS (SELECT 1 FROM ticket_reminder r WHERE r.ticket_id = t.id AND r.deadline = d.deadline AND r.due_at = d.due_at)
                LIMIT :batch
                FOR UPDATE OF t SKIP LOCKED
            ), sent AS (
                INSERT INTO ticket_reminder (ticket_id, deadline, due_at, reminded_at)
                SELECT id, deadline, due_at, :now FROM due
                ON CONFLICT DO NOTHING
                RETURNING ticket_id, deadline, due_at
            )
            INSERT INTO ticket_event (id, ticket_id, district_id, actor_role, action, from_status, to_status, details, created_at)
            SELECT nextval('ticket_event_seq'), due.id, due.district_id, 'SYSTEM', :action, due.status, due.status,
                   jsonb_build_object('deadline', sent.deadline,
                                      'dueAt', to_char(sent.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), :now
            FROM sent JOIN due ON due.id = sent.ticket_id AND due.deadline = sent.deadline
            RETURNING ticket_id""";

    /** A resolved ticket the reporter did not rate within the window closes as NOT_RATED. */
    private static final String AUTO_CLOSE = """
            WITH due AS (
                SELECT t.id, t.status FROM ticket t
                WHERE t.status IN (:autoCloseFrom) AND t.feedback_due_at <= :now
                LIMIT :batch
                FOR UPDATE OF t SKIP LOCKED
            ), closed AS (
                UPDATE ticket t SET status = :closed, rating = :notRated, closed_at = :now, updated_at = :now,
                       version = t.version + 1
                FROM due WHERE t.id = due.id
                RETURNING t.id, t.district_id, due.status AS from_status
            )
            INSERT INTO ticket_event (id, ticket_id, district_id, actor_role, action, from_status, to_status, details, created_at)
            SELECT nextval('ticket_event_seq'), id, district_id, 'SYSTEM', :action, from_status, :closed,
                   jsonb_build_object('rating', :notRated), :now FROM closed
            RETURNING ticket_id""";

    private final EntityManager entityManager;
    private final TicketNotices notices;
    private final Clock clock;
    private final Duration reminderLead;

    DeadlineJobs(EntityManager entityManager, TicketNotices notices, Clock clock,
            DeadlineConfig config) {
        this.entityManager = entityManager;
        this.notices = notices;
        this.clock = clock;
        this.reminderLead = config.reminderLead();
    }

    @Scheduled(identity = "deadline-jobs", every = "${gridloop.deadlines.every}", delayed = "${gridloop.deadlines.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        long start = System.nanoTime();
        int raised = scanOverdue();
        int reminded = remind();
        int closed = autoClose();
        if (raised + reminded + closed > 0) {
            LOG.infof("deadline jobs: %d raised, %d reminded, %d auto-closed in %d ms", raised, reminded, closed,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Overdue → YELLOW, overdue by the limit again → RED; each rise on the timeline. Returns the rises. */
    public int scanOverdue() {
        return inBatches(now -> {
            List<Tuple> raised = run(ESCALATE, TicketAction.ESCALATE, now, TicketQueries.overdue(now).with("escalateFrom",
                    TicketAction.ESCALATE.fromNames()));
            // whoever has it hears of every rise; the grid's leaders of a RED one besides
            notices.overdue(raised.stream().map(r -> r.get(0, Long.class)).toList());
            notices.supervisedRed(raised.stream().filter(r -> "RED".equals(r.get(1, String.class))).map(r -> r.get(0, Long.class))
                    .toList());
            return raised.size();
        });
    }

    /** Returns the reminders sent. */
    public int remind() {
        return inBatches(now -> {
            List<Tuple> sent = run(REMIND, TicketAction.REMIND, now, Where.always()
                    .with("horizon", now.plus(reminderLead))
                    .with("awaitingClaim", TicketAction.CLAIM.fromNames())
                    .with("inWork", TicketAction.ESCALATE.fromNames())
                    .with("remindFrom", TicketAction.REMIND.fromNames()));
            notices.reminded(sent.stream().map(r -> r.get(0, Long.class)).distinct().toList());
            return sent.size();
        });
    }

    /** Returns the tickets closed. */
    public int autoClose() {
        return inBatches(now -> run(AUTO_CLOSE, TicketAction.AUTO_CLOSE, now, Where.always()
                .with("autoCloseFrom", TicketAction.AUTO_CLOSE.fromNames())
                .with("closed", TicketStatus.CLOSED.name())
                .with("notRated", TicketTerms.Rating.NOT_RATED.name())).size());
    }

    /**
     * Runs a job's statement for one batch; {@code now} and the batch size are bound here, the rest by the
     * job. Planned for its values: the statuses it reads are bound, and only then does the planner see that
     * the partial deadline indexes of V4 hold its tickets.
     */
    @SuppressWarnings("unchecked")
    private List<Tuple> run(String sql, TicketAction action, OffsetDateTime now, Where parameters) {
        CustomPlans.forThisTransaction(entityManager);
        return parameters.with("now", now).with("batch", BATCH).with("action", action.slug())
                .bind(entityManager.createNativeQuery(sql, Tuple.class)).getResultList();
    }

    /** Batch after batch, each in its own transaction, until one finds nothing left to do. */
    private int inBatches(Function<OffsetDateTime, Integer> batch) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int total = 0;
        int done;
        do {
            done = QuarkusTransaction.requiringNew().call(() -> batch.apply(now));
            total += done;
        } while (done > 0);
        return total;
    }

}
