package io.gridloop.inbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.gridloop.shared.sql.Jdbc;
import io.gridloop.shared.sql.Where;

/**
 * How other features write to the inbox. A notification belongs to the change that causes it, so
 * both methods that write join the caller's transaction and refuse to run without one
 * ({@link TxType#MANDATORY}: a {@code jakarta.transaction.TransactionalException}): the
 * notification commits with the change, and a rolled-back change notifies no one.
 *
 * <p>
 * Text longer than {@value #MAX_TEXT} characters is cut to fit with an ellipsis rather than refused,
 * so a long quoted note never rolls back the change it reports.
 */
@Singleton
public class Inbox {

    /** The longest text a notification keeps, in characters. */
    public static final int MAX_TEXT = 500;
    /** The parameter {@link #notifyFrom} binds itself; a caller's SELECT must not use this name. */
    public static final String CREATED_AT_PARAMETER = "inboxCreatedAt";

    private static final String TRUNCATED_TEXT = "CASE WHEN length(%1$s) > " + MAX_TEXT + " THEN left(%1$s, " + (MAX_TEXT - 1)
            + ") || '…' ELSE %1$s END";

    private final EntityManager entityManager;
    private final Jdbc jdbc;
    private final Clock clock;

    Inbox(EntityManager entityManager, Jdbc jdbc, Clock clock) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * One notification to each of the accounts, in one INSERT. Repeated and null ids are dropped;
     * no accounts is no notification.
     *
     * @param ticketId     the ticket the notification is about, or null
     * @param ticketNumber its human number (GL-2026-000123), shown and kept with the notification, or null
     * @param text         the message, in Chinese for the mini-program; not blank
     */
    @Transactional(TxType.MANDATORY)
    public void notify(Collection<Long> accountIds, NotificationKind kind, long districtId, Long ticketId,
            String ticketNumber, String text) {
        Objects.requireNonNull(kind, "kind");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a notification needs a text");
        }
        TreeSet<Long> recipients = new TreeSet<>();
        accountIds.stream().filter(Objects::nonNull).forEach(recipients::add);
        if (recipients.isEmpty()) {
            return;
        }
        entityManager.flush();
        jdbc.update("""
                INSERT INTO notification (id, district_id, account_id, kind, ticket_id, ticket_number, text, created_at)
                SELECT nextval('notification_seq'), CAST(? AS bigint), r.account_id, CAST(? AS text), CAST(? AS bigint),
                       CAST(? AS text), CAST(? AS text), CAST(? AS timestamptz)
                  FROM unnest(CAST(? AS bigint[])) AS r (account_id)""", districtId, kind.name(), ticketId, ticketNumber,
                truncated(text), OffsetDateTime.now(clock), recipients.toArray(Long[]::new));
    }

    /**
     * Notifications for every row of a SELECT, in one {@code INSERT … SELECT}: a bulk job fans out to
     * thousands of recipients without loading a row into Java or knowing the table beyond these
     * columns. The SELECT must yield, by these names:
     * <ul>
     * <li>{@code account_id} bigint: the recipient, an existing account;
     * <li>{@code district_id} bigint: the recipient's district;
     * <li>{@code kind} text: a {@link NotificationKind} name (another value fails the statement);
     * <li>{@code ticket_id} bigint, or NULL;
     * <li>{@code ticket_number} text, or NULL;
     * <li>{@code text} text: the message, not blank, cut to {@value #MAX_TEXT} characters.
     * </ul>
     * Other columns are ignored; rows that are the same in all six columns become one notification.
     * Values are cast to the column types, so literals ({@code 'OVERDUE' AS kind}, {@code NULL AS ticket_id})
     * need no casts. The SELECT is a subquery: it may join, filter and order, but carries no trailing
     * semicolon. Named parameters ({@code :grid}) are bound from {@code parameters} as {@link Where#jdbc} binds
     * them (a collection one value per element, for {@code IN (:ids)}; a {@code Long[]} as one SQL array); the name
     * {@value #CREATED_AT_PARAMETER} is taken. Pending changes of the persistence context are flushed
     * first, so the SELECT sees the caller's own writes. {@link Recipients} has SELECTs of recipients to
     * join in, for example:
     *
     * <pre>{@code
     * inbox.notifyFrom("""
     *         SELECT r.account_id, t.district_id, 'OVERDUE' AS kind, t.id AS ticket_id, t.number AS ticket_number,
     *                '事项 ' || t.number || ' 已超期' AS text
     *           FROM ticket t JOIN LATERAL (%s) r ON true
     *          WHERE t.id IN (:overdue)""".formatted(Recipients.gridLeadersSql("t.grid_id")),
     *         Map.of("overdue", overdueIds));
     * }</pre>
     *
     * The SQL is the calling feature's own, never text from a client.
     *
     * @return the number of notifications written
     */
    @Transactional(TxType.MANDATORY)
    public int notifyFrom(String selectSql, Map<String, Object> parameters) {
        Where bound = Where.always();
        withCreatedAt(parameters).forEach(bound::with);
        Where.Jdbc insert = bound.jdbc(insertFrom(selectSql));
        entityManager.flush();
        // by JDBC, past the ORM's parsing and binding of a native statement
        return jdbc.update(insert.sql(), insert.parameters());
    }

    /**
     * {@link #notifyFrom}'s INSERT made once, for a feature that writes it within a statement of its own, as a
     * data-modifying {@code WITH} query, bound per notice ({@link Notices#of}): {@code ticket}'s action notifies with
     * its change, whose new row the SELECT reads, in one round trip, the same few statements on every request (building
     * the statement each time was a few per cent of a loop request's CPU, docs/benchmarks.md 2026-12-07). Written only
     * if that statement commits, as a notification must be; the SELECT sees what that statement's snapshot sees. Its
     * parameters take single values.
     */
    public Notices notices(String selectSql) {
        return new Notices(Where.template(insertFrom(selectSql)));
    }

    /** The INSERT of the notifications a SELECT yields, with named parameters. */
    private static String insertFrom(String selectSql) {
        return """
                INSERT INTO notification (id, district_id, account_id, kind, ticket_id, ticket_number, text, created_at)
                SELECT nextval('notification_seq'), n.district_id, n.account_id, n.kind, n.ticket_id, n.ticket_number,
                       %s, CAST(:%s AS timestamptz)
                  FROM (SELECT DISTINCT CAST(s.account_id AS bigint) AS account_id, CAST(s.district_id AS bigint) AS district_id,
                               CAST(s.kind AS text) AS kind, CAST(s.ticket_id AS bigint) AS ticket_id,
                               CAST(s.ticket_number AS text) AS ticket_number, CAST(s.text AS text) AS text
                          FROM (%s) AS s) AS n""".formatted(TRUNCATED_TEXT.formatted("n.text"), CREATED_AT_PARAMETER, selectSql);
    }

    /** The time a notification is written, under the inbox's own parameter name (which a caller's must not take). */
    private Map<String, Object> withCreatedAt(Map<String, Object> parameters) {
        if (parameters.containsKey(CREATED_AT_PARAMETER)) {
            throw new IllegalArgumentException("the parameter name " + CREATED_AT_PARAMETER + " is the inbox's own");
        }
        Map<String, Object> values = new HashMap<>(parameters);
        values.put(CREATED_AT_PARAMETER, OffsetDateTime.now(clock));
        return values;
    }

    /** Notifications from one SELECT, its statement made once: {@link #notices}. */
    public final class Notices {

        private final Where.Template statement;

        private Notices(Where.Template statement) {
            this.statement = statement;
        }

        /** The statement with the SELECT's parameters bound, and the time written. */
        public Where.Jdbc of(Map<String, Object> parameters) {
            return statement.bind(withCreatedAt(parameters));
        }
    }

    /** At most {@value #MAX_TEXT} characters (code points, as PostgreSQL counts them), the last an ellipsis when cut. */
    static String truncated(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_TEXT - 1)) + "…";
    }
}
