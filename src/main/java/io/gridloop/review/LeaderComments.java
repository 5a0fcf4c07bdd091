package io.gridloop.review;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.gridloop.points.Points;
import io.gridloop.review.ReviewViews.CommentView;
import io.gridloop.review.ReviewViews.NewComment;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.gridloop.ticket.TicketFacts;

/**
 * 领导点评 (SPEC §1.8): the leader of a closed ticket's grid, or the admin of its community, judges the
 * handler's work (whoever made the last resolution, as the metrics board counts it) once. The comment
 * and the points its score moves ({@link Points#commented}) commit together; a second comment by the
 * same leader on the same ticket, concurrent or not, meets the unique (ticket, commenter) and is a 409.
 */
@ApplicationScoped
class LeaderComments {

    static final Role[] COMMENTERS = { Role.GRID_LEADER, Role.COMMUNITY_ADMIN };
    /** Besides the commenter and the handler, who reads a comment: leaders over the ticket's grid. */
    private static final Role[] READERS = { Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN };

    /** The ticket as the ticket feature states its facts: where it is, its status now, and who resolved it last. */
    private static final String TICKET = "SELECT f.grid_id, f.grid_path, f.status, (SELECT r.actor_id FROM ("
            + TicketFacts.RESOLUTIONS + ") r WHERE r.ticket_id = f.ticket_id ORDER BY r.at DESC LIMIT 1) AS handler_id FROM ("
            + TicketFacts.FILED + ") f WHERE f.ticket_id = :ticket AND f.district_id = :district";
    private static final String COLUMNS = "c.id, c.ticket_id, c.handler_id, c.commenter_id, c.score, c.text, c.created_at";

    private final EntityManager entityManager;
    private final Caller caller;
    private final Points points;
    private final Clock clock;

    LeaderComments(EntityManager entityManager, Caller caller, Points points, Clock clock) {
        this.entityManager = entityManager;
        this.caller = caller;
        this.points = points;
        this.clock = clock;
    }

    /**
     * 404 for a ticket the caller leads no grid or community of; 409 while it is not closed; 403 on the
     * caller's own work; 409 duplicate (with the Location of the first) for a second comment.
     */
    @Transactional
    CommentView comment(long ticketId, NewComment request) {
        Tuple ticket = ticket(ticketId).filter(t -> caller.covers(t.get("grid_path", String.class), COMMENTERS))
                .orElseThrow(ProblemException::notFound);
        Long handler = ticket.get("handler_id", Long.class);
        if (!"CLOSED".equals(ticket.get("status", String.class)) || handler == null) {
            throw new ProblemException(ProblemType.INVALID_TRANSITION, "review.not-closed");
        }
        if (handler == caller.accountId()) {
            throw ProblemException.forbidden();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        @SuppressWarnings("unchecked")
        List<Number> made = entityManager.createNativeQuery("""
                INSERT INTO leader_comment (district_id, ticket_id, grid_id, grid_path, handler_id, commenter_id, score, text, created_at)
                VALUES (:district, :ticket, :grid, :path, :handler, :me, :score, :text, :now)
                ON CONFLICT (ticket_id, commenter_id) DO NOTHING RETURNING id""")
                .setParameter("district", caller.districtId())
                .setParameter("ticket", ticketId)
                .setParameter("grid", ticket.get("grid_id", Long.class))
                .setParameter("path", ticket.get("grid_path", String.class))
                .setParameter("handler", handler)
                .setParameter("me", caller.accountId())
                .setParameter("score", request.score())
                .setParameter("text", request.text())
                .setParameter("now", now)
                .getResultList();
        if (made.isEmpty()) {
            throw ProblemException.duplicateAt(location(ticketId, existing(ticketId)), "review.comment-exists");
        }
        long id = made.get(0).longValue();
        points.commented(caller.districtId(), handler, request.score(), id, now);
        return get(ticketId, id);
    }

    /** For the commenter, the handler and the leaders over the ticket's grid; anyone else: 404. */
    CommentView get(long ticketId, long commentId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT " + COLUMNS + ", c.grid_path FROM leader_comment c"
                + " WHERE c.id = :id AND c.ticket_id = :ticket AND c.district_id = :district", Tuple.class)
                .setParameter("id", commentId)
                .setParameter("ticket", ticketId)
                .setParameter("district", caller.districtId())
                .getResultList();
        long me = caller.accountId();
        return rows.stream()
                .filter(r -> r.get("commenter_id", Long.class) == me || r.get("handler_id", Long.class) == me
                        || caller.covers(r.get("grid_path", String.class), READERS))
                .findFirst().map(LeaderComments::view).orElseThrow(ProblemException::notFound);
    }

    static String location(long ticketId, long commentId) {
        return "/api/v1/tickets/" + ticketId + "/comments/" + commentId;
    }

    private Optional<Tuple> ticket(long ticketId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery(TICKET, Tuple.class)
                .setParameter("ticket", ticketId)
                .setParameter("district", caller.districtId())
                .getResultList();
        return rows.stream().findFirst();
    }

    private long existing(long ticketId) {
        return ((Number) entityManager.createNativeQuery(
                "SELECT id FROM leader_comment WHERE ticket_id = :ticket AND commenter_id = :me")
                .setParameter("ticket", ticketId)
                .setParameter("me", caller.accountId())
                .getSingleResult()).longValue();
    }

    private static CommentView view(Tuple r) {
        return new CommentView(r.get("id", Long.class), r.get("ticket_id", Long.class), r.get("handler_id", Long.class),
                r.get("commenter_id", Long.class), ((Number) r.get("score")).intValue(), r.get("text", String.class),
                r.get("created_at", Instant.class).atOffset(ZoneOffset.UTC));
    }
}
