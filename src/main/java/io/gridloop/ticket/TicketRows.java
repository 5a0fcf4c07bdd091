package io.gridloop.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.gridloop.catalog.MatterClass;
import io.gridloop.ticket.TicketTerms.DispatchTarget;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Priority;
import io.gridloop.ticket.TicketTerms.Rating;
import io.gridloop.ticket.TicketTerms.RejectReason;
import io.gridloop.ticket.TicketTerms.Solved;
import io.gridloop.ticket.TicketTerms.Source;
import io.gridloop.ticket.TicketTerms.Supervision;

/**
 * A ticket's row past the ORM, for the actions: every column of {@code ticket} read into a {@link Ticket} with
 * what was read kept beside it, and an action's change written back as one UPDATE of the columns it changed,
 * the version checked and raised as the entity's {@code @Version} would be. So the row comes with the statement that
 * finds the ticket in the caller's scope ({@link TicketQueries}), and the UPDATE goes with the event's INSERT
 * ({@link TicketLedger}): an action's two statements, where Hibernate's load and flush made them four
 * (docs/benchmarks.md, 2026-12-06 10:05). The list of columns is the table's: {@code TicketRowsTest} compares it with
 * the schema, and what it reads with what the ORM reads.
 */
final class TicketRows {

    private interface Reader {
        void read(Ticket ticket, ResultSet row, int index) throws SQLException;
    }

    /** A column: its name, its value as bound, and how it is read into the ticket. */
    private record Column(String name, Function<Ticket, Object> value, Reader reader) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("id", t -> t.id, (t, r, i) -> t.id = r.getLong(i)),
            new Column("district_id", t -> t.districtId, (t, r, i) -> t.districtId = r.getLong(i)),
            new Column("number", t -> t.number, (t, r, i) -> t.number = r.getString(i)),
            new Column("kind", t -> name(t.kind), (t, r, i) -> t.kind = value(Kind.class, r.getString(i))),
            new Column("category_id", t -> t.categoryId, (t, r, i) -> t.categoryId = r.getLong(i)),
            new Column("title", t -> t.title, (t, r, i) -> t.title = r.getString(i)),
            new Column("description", t -> t.description, (t, r, i) -> t.description = r.getString(i)),
            new Column("lat", t -> t.lat, (t, r, i) -> t.lat = r.getObject(i, Double.class)),
            new Column("lng", t -> t.lng, (t, r, i) -> t.lng = r.getObject(i, Double.class)),
            new Column("address", t -> t.address, (t, r, i) -> t.address = r.getString(i)),
            new Column("grid_id", t -> t.gridId, (t, r, i) -> t.gridId = r.getLong(i)),
            new Column("grid_path", t -> t.gridPath, (t, r, i) -> t.gridPath = r.getString(i)),
            new Column("reporter_id", t -> t.reporterId, (t, r, i) -> t.reporterId = r.getObject(i, Long.class)),
            new Column("reporter_name", t -> t.reporterName, (t, r, i) -> t.reporterName = r.getString(i)),
            new Column("reporter_phone", t -> t.reporterPhone, (t, r, i) -> t.reporterPhone = r.getString(i)),
            new Column("anonymous", t -> t.anonymous, (t, r, i) -> t.anonymous = r.getBoolean(i)),
            new Column("source", t -> name(t.source), (t, r, i) -> t.source = value(Source.class, r.getString(i))),
            new Column("matter_class", t -> name(t.matterClass),
                    (t, r, i) -> t.matterClass = value(MatterClass.class, r.getString(i))),
            new Column("priority", t -> name(t.priority), (t, r, i) -> t.priority = value(Priority.class, r.getString(i))),
            new Column("status", t -> name(t.status), (t, r, i) -> t.status = value(TicketStatus.class, r.getString(i))),
            new Column("dispatch_target", t -> name(t.dispatchTarget),
                    (t, r, i) -> t.dispatchTarget = value(DispatchTarget.class, r.getString(i))),
            new Column("assignee_id", t -> t.assigneeId, (t, r, i) -> t.assigneeId = r.getObject(i, Long.class)),
            new Column("assignee_unit_id", t -> t.assigneeUnitId, (t, r, i) -> t.assigneeUnitId = r.getObject(i, Long.class)),
            new Column("response_due_at", t -> t.responseDueAt, (t, r, i) -> t.responseDueAt = instant(r, i)),
            new Column("resolution_due_at", t -> t.resolutionDueAt, (t, r, i) -> t.resolutionDueAt = instant(r, i)),
            new Column("feedback_due_at", t -> t.feedbackDueAt, (t, r, i) -> t.feedbackDueAt = instant(r, i)),
            new Column("supervision", t -> name(t.supervision),
                    (t, r, i) -> t.supervision = value(Supervision.class, r.getString(i))),
            new Column("reopen_count", t -> t.reopenCount, (t, r, i) -> t.reopenCount = r.getInt(i)),
            new Column("flagged_for_community", t -> t.flaggedForCommunity, (t, r, i) -> t.flaggedForCommunity = r.getBoolean(i)),
            new Column("duplicate_of", t -> t.duplicateOf, (t, r, i) -> t.duplicateOf = r.getObject(i, Long.class)),
            new Column("reject_reason", t -> name(t.rejectReason),
                    (t, r, i) -> t.rejectReason = value(RejectReason.class, r.getString(i))),
            new Column("resolution", t -> t.resolution, (t, r, i) -> t.resolution = r.getString(i)),
            new Column("claimed_at", t -> t.claimedAt, (t, r, i) -> t.claimedAt = instant(r, i)),
            new Column("resolved_at", t -> t.resolvedAt, (t, r, i) -> t.resolvedAt = instant(r, i)),
            new Column("verified_at", t -> t.verifiedAt, (t, r, i) -> t.verifiedAt = instant(r, i)),
            new Column("closed_at", t -> t.closedAt, (t, r, i) -> t.closedAt = instant(r, i)),
            new Column("rating", t -> name(t.rating), (t, r, i) -> t.rating = value(Rating.class, r.getString(i))),
            new Column("solved", t -> name(t.solved), (t, r, i) -> t.solved = value(Solved.class, r.getString(i))),
            new Column("feedback_comment", t -> t.feedbackComment, (t, r, i) -> t.feedbackComment = r.getString(i)),
            new Column("version", t -> t.version, (t, r, i) -> t.version = r.getLong(i)),
            new Column("created_at", t -> t.createdAt, (t, r, i) -> t.createdAt = instant(r, i)),
            new Column("updated_at", t -> t.updatedAt, (t, r, i) -> t.updatedAt = instant(r, i)),
            new Column("dispatched_at", t -> t.dispatchedAt, (t, r, i) -> t.dispatchedAt = instant(r, i)),
            new Column("response_red_at", t -> t.responseRedAt, (t, r, i) -> t.responseRedAt = instant(r, i)),
            new Column("resolution_red_at", t -> t.resolutionRedAt, (t, r, i) -> t.resolutionRedAt = instant(r, i)),
            new Column("escalation", t -> name(t.escalation), (t, r, i) -> t.escalation = value(Supervision.class, r.getString(i))),
            new Column("extension_request_id", t -> t.extensionRequestId,
                    (t, r, i) -> t.extensionRequestId = r.getObject(i, Long.class)),
            new Column("external_source", t -> t.externalSource, (t, r, i) -> t.externalSource = r.getString(i)),
            new Column("external_id", t -> t.externalId, (t, r, i) -> t.externalId = r.getString(i)),
            new Column("external_digest", t -> t.externalDigest, (t, r, i) -> t.externalDigest = r.getString(i)),
            new Column("filed_by_api_key", t -> t.filedByApiKey, (t, r, i) -> t.filedByApiKey = r.getObject(i, Long.class)));

    /** What an action never changes, or changes only through the version check: not compared. */
    private static final List<String> FIXED = List.of("id", "district_id", "version", "created_at");

    /** Every column of the ticket aliased {@code t}, in the order {@link #read} reads them. */
    static final String SELECTED = COLUMNS.stream().map(c -> "t." + c.name()).collect(Collectors.joining(", "));

    /** The place in a row of {@link #SELECTED} of whatever a statement selects after it. */
    static final int AFTER = COLUMNS.size() + 1;

    private TicketRows() {
    }

    /** The columns read, by name: what the test compares with the table's. */
    static List<String> columns() {
        return COLUMNS.stream().map(Column::name).toList();
    }

    /** A ticket from a row that starts with {@link #SELECTED}, remembering what it was read as. */
    static Ticket read(ResultSet row) throws SQLException {
        Ticket ticket = new Ticket();
        for (int i = 0; i < COLUMNS.size(); i++) {
            COLUMNS.get(i).reader().read(ticket, row, i + 1);
        }
        ticket.stored = values(ticket);
        return ticket;
    }

    /**
     * The UPDATE of what changed since the ticket was read, with its parameters in order: the changed columns, the
     * version raised by one, where the id and the version read still match. No row updated means someone changed it
     * first.
     */
    static Change change(Ticket ticket) {
        if (ticket.stored == null) {
            throw new IllegalStateException("ticket " + ticket.id + " was not read by TicketRows");
        }
        Object[] now = values(ticket);
        List<String> set = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            String name = COLUMNS.get(i).name();
            if (!FIXED.contains(name) && !Objects.equals(now[i], ticket.stored[i])) {
                set.add(name + " = ?");
                parameters.add(now[i]);
            }
        }
        set.add("version = ?");
        parameters.add(ticket.version + 1);
        parameters.add(ticket.id);
        parameters.add(ticket.version);
        return new Change("UPDATE ticket SET " + String.join(", ", set) + " WHERE id = ? AND version = ?",
                parameters.toArray(), now);
    }

    /** An UPDATE of a ticket, the values of its places, and the row it writes (the version not compared, as read). */
    record Change(String sql, Object[] parameters, Object[] row) {
    }

    /**
     * The ticket as its {@link Change} stores it, the base of a further change: taken before the statement runs, so the
     * action's answer is built from it; a statement that changes nothing fails the action, and the ticket is dropped.
     */
    static void written(Ticket ticket, Change change) {
        ticket.version++;
        ticket.stored = change.row();
    }

    /** Each column's value as bound, in the order of {@link #columns}. */
    static Object[] values(Ticket ticket) {
        Object[] values = new Object[COLUMNS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = COLUMNS.get(i).value().apply(ticket);
        }
        return values;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static <E extends Enum<E>> E value(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static OffsetDateTime instant(ResultSet row, int index) throws SQLException {
        return row.getObject(index, OffsetDateTime.class);
    }
}
