package io.gridloop.points;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;

import io.gridloop.points.PointsViews.PointsRulesChange;
import io.gridloop.points.PointsViews.PointsRulesView;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.web.Versions;

/** The district's points rules: its own row, or the configured defaults (version 0) until it sets one. */
@ApplicationScoped
class PointsRules {

    private final EntityManager entityManager;
    private final PointsConfig defaults;
    private final Caller caller;
    private final Clock clock;

    PointsRules(EntityManager entityManager, PointsConfig defaults, Caller caller, Clock clock) {
        this.entityManager = entityManager;
        this.defaults = defaults;
        this.caller = caller;
        this.clock = clock;
    }

    PointsRulesView of(long districtId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("""
                SELECT ticket_satisfied, ticket_basically_satisfied, wish_confirmed, volunteer_hour, leader_comment_praise,
                       leader_comment_penalty, version
                  FROM points_rule WHERE district_id = :district""", Tuple.class)
                .setParameter("district", districtId).getResultList();
        return rows.stream().findFirst()
                .map(r -> new PointsRulesView(r.get(0, Integer.class), r.get(1, Integer.class), r.get(2, Integer.class),
                        orDefault(r.get(3, Integer.class), defaults.volunteerHour()),
                        orDefault(r.get(4, Integer.class), defaults.leaderCommentPraise()),
                        orDefault(r.get(5, Integer.class), defaults.leaderCommentPenalty()), r.get(6, Long.class)))
                .orElseGet(() -> new PointsRulesView(defaults.ticketSatisfied(), defaults.ticketBasicallySatisfied(),
                        defaults.wishConfirmed(), defaults.volunteerHour(), defaults.leaderCommentPraise(),
                        defaults.leaderCommentPenalty(), 0));
    }

    private static int orDefault(Integer set, int configured) {
        return set == null ? configured : set;
    }

    PointsRulesView current() {
        return of(caller.districtId());
    }

    /**
     * Replaces the rules (If-Match: the version read; "0" over the defaults). The write names the
     * version it checked, so of two concurrent replacements the second changes nothing and hears 409.
     */
    @Transactional
    PointsRulesView replace(String ifMatch, PointsRulesChange rules) {
        long district = caller.districtId();
        long version = of(district).version();
        Versions.requireMatch(ifMatch, version);
        int written = entityManager.createNativeQuery("""
                INSERT INTO points_rule AS r (district_id, ticket_satisfied, ticket_basically_satisfied, wish_confirmed,
                                              volunteer_hour, leader_comment_praise, leader_comment_penalty, version, updated_at)
                VALUES (:district, :satisfied, :basically, :wish, CAST(:hour AS integer), CAST(:praise AS integer),
                        CAST(:penalty AS integer), 1, :now)
                ON CONFLICT (district_id) DO UPDATE
                   SET ticket_satisfied = excluded.ticket_satisfied,
                       ticket_basically_satisfied = excluded.ticket_basically_satisfied,
                       wish_confirmed = excluded.wish_confirmed, volunteer_hour = excluded.volunteer_hour,
                       leader_comment_praise = excluded.leader_comment_praise,
                       leader_comment_penalty = excluded.leader_comment_penalty, version = r.version + 1, updated_at = excluded.updated_at
                 WHERE r.version = :version""")
                .setParameter("district", district)
                .setParameter("satisfied", rules.ticketSatisfied())
                .setParameter("basically", rules.ticketBasicallySatisfied())
                .setParameter("wish", rules.wishConfirmed())
                .unwrap(NativeQuery.class)
                .setParameter("hour", rules.volunteerHour(), Integer.class)
                .setParameter("praise", rules.leaderCommentPraise(), Integer.class)
                .setParameter("penalty", rules.leaderCommentPenalty(), Integer.class)
                .setParameter("now", OffsetDateTime.now(clock))
                .setParameter("version", version)
                .executeUpdate();
        if (written == 0) {
            throw new ProblemException(ProblemType.CONCURRENT_CHANGE, "concurrent-change.detail");
        }
        return of(district);
    }
}
