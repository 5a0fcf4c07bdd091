package io.gridloop.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

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
    private static final String PAST_RED = "((t.status = 'DISPATCHED' AND t.response_red_at < :now) OR t.resolution_red_at < :now)";

    /** Supervision rises to the level the ticket's deadlines call for, if the scan has not applied it yet. */
    private static final String ESCALATE = """
            WITH due AS (
                SELECT t.id, CASE WHEN %1$s THEN 'RED' ELSE 'YELLOW' END AS level
                FROM ticket t
                WHERE %2$s
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
            INSERT INTO ticket_event (id, ticket_id, district_id, actor_role, action, from_status, to_status, note, created_at)
            SELECT nextval('ticket_event_seq'), id, district_id, 'SYSTEM', 'escalate', status, status, level, :now FROM raised
            RETURNING ticket_id, note""".formatted(PAST_RED, TicketQueries.OVERDUE);

    /** Each deadline within the lead time is reminded once; a moved deadline is a new one. */
    private static final String REMIND = """
            WITH due AS (
                SELECT t.id, t.district_id, t.status, d.deadline, d.due_at
                FROM ticket t
                CROSS JOIN LATERAL (VALUES ('RESPONSE', CASE WHEN t.status = 'DISPATCHED' THEN t.response_due_at END),
                                           ('RESOLUTION', t.resolution_due_at)) AS d (deadline, due_at)
                WHERE ((t.status = 'DISPATCHED' AND t.response_due_at > :now AND t.response_due_at <= :horizon)
                       OR (t.status IN ('DISPATCHED', 'CLAIMED', 'IN_PROGRESS') AND t.resolution_due_at > :now
                           AND t.resolution_due_at <= :horizon))
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
            INSERT INTO ticket_event (id, ticket_id, district_id, actor_role, action, from_status, to_status, note, created_at)
            SELECT nextval('ticket_event_seq'), due.id, due.district_id, 'SYSTEM', 'remind', due.status, due.status,
                   sent.deadline || ' ' || sent.due_at, :now
            FROM sent JOIN due ON due.id = sent.ticket_id AND due.deadline = sent.deadline
            RETURNING ticket_id, note""";

    /** A resolved ticket the reporter did not rate within the window closes as NOT_RATED. */
    private static final String AUTO_CLOSE = """
            WITH due AS (
                SELECT t.id FROM ticket t
                WHERE t.status = 'RESOLVED' AND t.feedback_due_at <= :now
                LIMIT :batch
                FOR UPDATE OF t SKIP LOCKED
            ), closed AS (
                UPDATE ticket t SET status = 'CLOSED', rating = 'NOT_RATED', closed_at = :now, updated_at = :now,
                       version = t.version + 1
                FROM due WHERE t.id = due.id
                RETURNING t.id, t.district_id
            )
            INSERT INTO ticket_event (id, ticket_id, district_id, actor_role, action, from_status, to_status, created_at)
            SELECT nextval('ticket_event_seq'), id, district_id, 'SYSTEM', 'auto-close', 'RESOLVED', 'CLOSED', :now FROM closed
            RETURNING ticket_id, 'closed'""";

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
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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
            List<Object[]> raised = run(ESCALATE, now);
            // whoever has it hears of every rise; the grid's leaders of a RED one besides
            notices.overdue(raised.stream().map(r -> id(r[0])).toList());
            notices.supervisedRed(raised.stream().filter(r -> "RED".equals(r[1])).map(r -> id(r[0])).toList());
            return raised.size();
        });
    }

    /** Returns the reminders sent. */
    @SuppressWarnings("unchecked")
    public int remind() {
        return inBatches(now -> {
            List<Object[]> sent = entityManager.createNativeQuery(REMIND).setParameter("now", now)
                    .setParameter("horizon", now.plus(reminderLead)).setParameter("batch", BATCH).getResultList();
            notices.reminded(sent.stream().map(r -> id(r[0])).distinct().toList());
            return sent.size();
        });
    }

    /** Returns the tickets closed. */
    public int autoClose() {
        return inBatches(now -> run(AUTO_CLOSE, now).size());
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> run(String sql, OffsetDateTime now) {
        return entityManager.createNativeQuery(sql).setParameter("now", now).setParameter("batch", BATCH).getResultList();
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

    private static long id(Object value) {
        return ((Number) value).longValue();
    }
}
