package io.gridloop.review;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.query.NativeQuery;

/**
 * How a member has been judged: leaders' comments on their work and peer reviews of them, counted and
 * averaged. {@link #of} is the member card's query; the board asks for a period's averages of many.
 */
@ApplicationScoped
public class MemberReviews {

    @Schema(name = "MemberReviewSummary", description = "领导点评 and 党员互评 of a member, all time")
    public record Summary(long accountId, long comments, @Schema(nullable = true) Double commentAverage, long peerReviews,
            @Schema(nullable = true) Double peerAverage) {
    }

    /** How many, and their average score (null when none). */
    record Average(long count, Double value) {
        static final Average NONE = new Average(0, null);
    }

    /** Whose figures a period's averages are: a member's comments, a grid's comments, a member's peer reviews. */
    enum Subject {
        HANDLER("leader_comment", "handler_id"), GRID("leader_comment", "grid_id"), REVIEWEE("peer_review", "reviewee_id");

        private final String table;
        private final String column;

        Subject(String table, String column) {
            this.table = table;
            this.column = column;
        }
    }

    private final EntityManager entityManager;

    MemberReviews(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The account's comments and peer reviews in the district, all time. */
    public Summary of(long districtId, long accountId) {
        OffsetDateTime always = OffsetDateTime.parse("1970-01-01T00:00:00Z");
        OffsetDateTime never = OffsetDateTime.parse("9999-01-01T00:00:00Z");
        Average comments = averages(districtId, Subject.HANDLER, List.of(accountId), always, never)
                .getOrDefault(accountId, Average.NONE);
        Average peers = averages(districtId, Subject.REVIEWEE, List.of(accountId), always, never)
                .getOrDefault(accountId, Average.NONE);
        return new Summary(accountId, comments.count(), comments.value(), peers.count(), peers.value());
    }

    /** Per id, the comments or reviews made from start (included) to end (excluded); ids without any are absent. */
    Map<Long, Average> averages(long districtId, Subject subject, Collection<Long> ids, OffsetDateTime start, OffsetDateTime end) {
        Map<Long, Average> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("""
                SELECT %2$s AS id, count(*) AS n, avg(score) AS average FROM %1$s
                 WHERE district_id = :district AND %2$s = ANY(CAST(:ids AS bigint[]))
                   AND created_at >= :start AND created_at < :end
                 GROUP BY %2$s""".formatted(subject.table, subject.column), Tuple.class)
                .unwrap(NativeQuery.class)
                .setParameter("district", districtId)
                .setParameter("ids", ids.toArray(Long[]::new), Long[].class)
                .setParameter("start", start)
                .setParameter("end", end)
                .getResultList();
        rows.forEach(r -> found.put(r.get("id", Long.class),
                new Average(r.get("n", Long.class), ((Number) r.get("average")).doubleValue())));
        return found;
    }
}
