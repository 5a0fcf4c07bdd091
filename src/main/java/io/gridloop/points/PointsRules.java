package io.gridloop.points;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;

import io.gridloop.points.PointsViews.PointsRulesChange;
import io.gridloop.points.PointsViews.PointsRulesView;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.sql.Jdbc;
import io.gridloop.shared.sql.Where;
import io.gridloop.shared.web.Versions;

/** The district's points rules: its own row, or the configured defaults (version 0) until it sets one. */
@ApplicationScoped
class PointsRules {

    private final EntityManager entityManager;
    private final Jdbc jdbc;
    private final PointsConfig defaults;
    private final Caller caller;
    private final Clock clock;

    PointsRules(EntityManager entityManager, Jdbc jdbc, PointsConfig defaults, Caller caller, Clock clock) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.defaults = defaults;
        this.caller = caller;
        this.clock = clock;
    }

    /** The district's rules, by JDBC: every rating a resident gives reads them to credit points. */
    PointsRulesView of(long districtId) {
        return jdbc.rows("""
                SELECT ticket_satisfied, ticket_basically_satisfied, wish_confirmed, volunteer_hour, leader_comment_praise,
                       leader_comment_penalty, version
                  FROM points_rule WHERE district_id = ?""",
                r -> new PointsRulesView(r.getInt(1), r.getInt(2), r.getInt(3),
                        orDefault(r.getObject(4, Integer.class), defaults.volunteerHour()),
                        orDefault(r.getObject(5, Integer.class), defaults.leaderCommentPraise()),
                        orDefault(r.getObject(6, Integer.class), defaults.leaderCommentPenalty()), r.getLong(7)),
                districtId).stream().findFirst()
                .orElseGet(() -> new PointsRulesView(defaults.ticketSatisfied(), defaults.ticketBasicallySatisfied(),
                        defaults.wishConfirmed(), defaults.volunteerHour(), defaults.leaderCommentPraise(),
                        defaults.leaderCommentPenalty(), 0));
    }

    /** A rule that pays an amount: its column, and its configured default. */
    enum Rule {
        TICKET_SATISFIED("ticket_satisfied", PointsConfig::ticketSatisfied),
        TICKET_BASICALLY_SATISFIED("ticket_basically_satisfied", PointsConfig::ticketBasicallySatisfied),
        WISH_CONFIRMED("wish_confirmed", PointsConfig::wishConfirmed);

        private final String column;
        private final ToIntFunction<PointsConfig> configured;

        Rule(String column, ToIntFunction<PointsConfig> configured) {
            this.column = column;
            this.configured = configured;
        }
    }

    /**
     * The district's amount of a rule as {@link #of} reads it (its own row's, else the configured default), as an SQL
     * expression, for a statement that reads it while it writes the award.
     */
    Where.Jdbc amountSql(long districtId, Rule rule) {
        return new Where.Jdbc("coalesce((SELECT " + rule.column + " FROM points_rule WHERE district_id = ?), ?)",
                new Object[] { districtId, rule.configured.applyAsInt(defaults) });
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
