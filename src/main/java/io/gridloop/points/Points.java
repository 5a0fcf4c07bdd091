package io.gridloop.points;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.gridloop.shared.sql.Jdbc;
import io.gridloop.shared.sql.Where;
import io.gridloop.ticket.ClosingAward;
import io.gridloop.ticket.TicketClosed;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Rating;

/**
 * The points ledger's writers. Each writes the entry and moves the balance in one statement, inside the caller's
 * transaction ({@code MANDATORY}), or, for a closing's award, within the rating's own statement ({@link #paid}): an
 * award commits with its cause, a spending with its redemption. An entry is unique per (cause, cause id), so a cause
 * pays once however often it recurs; a spending moves the balance only where it covers the amount, so it can never go
 * below zero, and concurrent spendings of one account queue on its balance row and see each other's result.
 */
@ApplicationScoped
public class Points implements ClosingAward {

    /**
     * The entry, unless its cause has one, where the amount (the expression at the first {@code %s}, its places last)
     * is above 0 and the condition at the second holds: it answers what it wrote, which {@link #BALANCED} adds up.
     */
    private static final String ENTERED = """
            INSERT INTO points_entry (district_id, account_id, amount, cause, cause_ref, created_at)
            SELECT CAST(? AS bigint), CAST(? AS bigint), a.amount, CAST(? AS text), CAST(? AS bigint), CAST(? AS timestamptz)
              FROM (SELECT %s AS amount) a WHERE a.amount > 0%s
            ON CONFLICT (cause, cause_ref) DO NOTHING
            RETURNING district_id, account_id, amount""";
    /** Adds the entries of the relation at {@code %s} to their balances (each made on its first award). */
    private static final String BALANCED = """
            INSERT INTO points_balance (account_id, district_id, balance)
            SELECT account_id, district_id, amount FROM %s
            ON CONFLICT (account_id) DO UPDATE SET balance = points_balance.balance + excluded.balance""";
    /** Takes the amount off a balance that covers it, and writes the entry only then. */
    private static final String DEBIT_SQL = """
            WITH debit AS (
                UPDATE points_balance SET balance = balance - :amount
                 WHERE account_id = :account AND district_id = :district AND balance >= :amount
                RETURNING account_id, district_id)
            INSERT INTO points_entry (district_id, account_id, amount, cause, cause_ref, created_at)
            SELECT district_id, account_id, :negated, :cause, :ref, :at FROM debit""";
    /**
     * Takes up to the amount off a balance, as much as it holds (a penalty never makes it negative),
     * and writes the entry of what was taken unless its cause has one; nothing on an empty balance.
     * The balance row is locked first, so what is taken is what the row holds when it is moved.
     */
    private static final String PENALTY_SQL = """
            WITH held AS (
                SELECT account_id, district_id, balance FROM points_balance
                 WHERE account_id = :account AND district_id = :district AND balance > 0 FOR UPDATE),
            entry AS (
                INSERT INTO points_entry (district_id, account_id, amount, cause, cause_ref, created_at)
                SELECT district_id, account_id, -LEAST(balance, :amount), :cause, :ref, :at FROM held
                ON CONFLICT (cause, cause_ref) DO NOTHING
                RETURNING account_id, amount)
            UPDATE points_balance b SET balance = b.balance + entry.amount FROM entry WHERE b.account_id = entry.account_id""";

    private final EntityManager entityManager;
    private final Jdbc jdbc;
    private final PointsRules rules;

    Points(EntityManager entityManager, Jdbc jdbc, PointsRules rules) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.rules = rules;
    }

    /**
     * SPEC §1.9: a ticket closed with a good rating pays its handler, a confirmed wish whoever fulfilled it, by the
     * district's rules, read in the rating's statement (every rating a resident gives comes here), which writes the
     * entry and moves the balance only if it closed the ticket.
     */
    @Override
    public Where.Jdbc paid(TicketClosed ticket, String changed) {
        if (ticket.handlerId() == null || ticket.rating() == null) {
            return null;
        }
        boolean wish = ticket.kind() == Kind.WISH;
        PointsRules.Rule rule = ticket.rating() == Rating.SATISFIED ? (wish ? PointsRules.Rule.WISH_CONFIRMED : PointsRules.Rule.TICKET_SATISFIED)
                : ticket.rating() == Rating.BASICALLY_SATISFIED
                        ? (wish ? PointsRules.Rule.WISH_CONFIRMED : PointsRules.Rule.TICKET_BASICALLY_SATISFIED)
                        : null;
        if (rule == null) {
            return null;
        }
        Where.Jdbc amount = rules.amountSql(ticket.districtId(), rule);
        String entered = ENTERED.formatted(amount.sql(),
                " AND EXISTS (SELECT FROM " + Where.columnOrParameter(changed) + ")");
        return new Where.Jdbc(
                "points_paid AS (" + entered + "), points_balanced AS (" + BALANCED.formatted("points_paid") + ")",
                values(ticket.districtId(), ticket.handlerId(), wish ? PointsCause.WISH_CONFIRMED : PointsCause.TICKET_CLOSED,
                        ticket.ticketId(), ticket.at(), amount));
    }

    /**
     * SPEC §1.8/§1.9: a leader's comment on a handler's work moves the handler's points by the district's
     * rules, in the comment's transaction, once per comment: a 5 earns the praise, a 1 or 2 takes the
     * penalty (at most what the balance holds), a 3 or 4 nothing.
     */
    @Transactional(TxType.MANDATORY)
    public void commented(long districtId, long handlerId, int score, long commentId, OffsetDateTime at) {
        PointsViews.PointsRulesView rule = rules.of(districtId);
        if (score == 5 && rule.leaderCommentPraise() > 0) {
            credit(districtId, handlerId, rule.leaderCommentPraise(), PointsCause.LEADER_COMMENT, commentId, at);
        } else if (score <= 2 && rule.leaderCommentPenalty() > 0) {
            entityManager.createNativeQuery(PENALTY_SQL)
                    .setParameter("district", districtId)
                    .setParameter("account", handlerId)
                    .setParameter("amount", rule.leaderCommentPenalty())
                    .setParameter("cause", PointsCause.LEADER_COMMENT.name())
                    .setParameter("ref", commentId)
                    .setParameter("at", at)
                    .executeUpdate();
        }
    }

    /** Spends points on a redemption; false, writing nothing, when the balance does not cover them. */
    @Transactional(TxType.MANDATORY)
    public boolean spend(long districtId, long accountId, int amount, long redemptionId, OffsetDateTime at) {
        return entityManager.createNativeQuery(DEBIT_SQL)
                .setParameter("district", districtId)
                .setParameter("account", accountId)
                .setParameter("amount", (long) amount)
                .setParameter("negated", -amount)
                .setParameter("cause", PointsCause.REDEMPTION.name())
                .setParameter("ref", redemptionId)
                .setParameter("at", at)
                .executeUpdate() == 1;
    }

    /**
     * SPEC §1.9: approved volunteer hours pay their member by the district's rule (points per hour, a
     * half hour rounded down), once per report; in the approving transaction. Answers the points paid.
     */
    @Transactional(TxType.MANDATORY)
    public int volunteerHoursApproved(long districtId, long accountId, java.math.BigDecimal hours, long reportId,
            OffsetDateTime at) {
        int amount = hours.multiply(java.math.BigDecimal.valueOf(rules.of(districtId).volunteerHour())).intValue();
        if (amount > 0) {
            credit(districtId, accountId, amount, PointsCause.VOLUNTEER_HOURS, reportId, at);
        }
        return amount;
    }

    /** An account's balance: the sum of its ledger (0 before its first award). */
    public long balance(long districtId, long accountId) {
        java.util.List<?> rows = entityManager.createNativeQuery(
                "SELECT balance FROM points_balance WHERE account_id = :account AND district_id = :district")
                .setParameter("account", accountId).setParameter("district", districtId).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    /** Gives back what a cancelled redemption spent; once, however often it is asked. */
    @Transactional(TxType.MANDATORY)
    public void refund(long districtId, long accountId, int amount, long redemptionId, OffsetDateTime at) {
        credit(districtId, accountId, amount, PointsCause.REDEMPTION_CANCELLED, redemptionId, at);
    }

    private void credit(long districtId, long accountId, int amount, PointsCause cause, long ref, OffsetDateTime at) {
        Where.Jdbc places = new Where.Jdbc("CAST(? AS integer)", new Object[] { amount });
        jdbc.update("WITH entry AS (" + ENTERED.formatted(places.sql(), "") + ") " + BALANCED.formatted("entry"),
                values(districtId, accountId, cause, ref, at, places));
    }

    /** The values of {@link #ENTERED}'s places, the amount's last. */
    private static Object[] values(long districtId, long accountId, PointsCause cause, long ref, OffsetDateTime at,
            Where.Jdbc amount) {
        return Stream.of(new Object[] { districtId, accountId, cause.name(), ref, at }, amount.parameters())
                .flatMap(Arrays::stream).toArray();
    }
}
