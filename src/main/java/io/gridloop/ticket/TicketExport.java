package io.gridloop.ticket;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.StreamingOutput;

import org.hibernate.ScrollMode;
import org.hibernate.ScrollableResults;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

import io.gridloop.audit.Audit;
import io.gridloop.audit.AuditKind;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.sql.CustomPlans;
import io.gridloop.shared.web.JsonTimes;
import io.gridloop.ticket.TicketQueries.Filter;
import io.gridloop.ticket.TicketQueries.Statement;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * GET /tickets/export.csv: the list's tickets, every row of them, as CSV for a leader's spreadsheet.
 * The rows come from a server-side cursor (the JDBC driver fetches {@link #FETCH} rows at a time in
 * the export's read-only transaction) and are written a chunk at a time, each chunk through
 * {@link TicketViews} as the JSON list shows it (masked phones, hidden anonymous reporters, the
 * handler's unmasked phone audited), then forgotten: memory stays the same for ten rows or a million.
 * The response blocks while the client reads slowly, so a slow client holds a worker thread and a
 * database connection: at most {@code gridloop.tickets.export-concurrency} exports run at once, each
 * counted from its acceptance to the end of its response (however it ends), and one more is refused
 * with 503 before anything is read.
 */
@ApplicationScoped
class TicketExport {

    /** Rows the driver fetches per round trip, and the rows viewed (one batch of lookups) at a time. */
    static final int FETCH = 500;

    /** The columns, named as the JSON fields of a ticket. */
    static final List<String> COLUMNS = List.of("id", "number", "kind", "status", "categoryCode", "title", "description",
            "gridId", "address", "lat", "lng", "source", "matterClass", "priority", "anonymous", "reporterName",
            "reporterPhone", "assigneeTarget", "assigneeName", "assigneeUnitId", "dueAt", "supervision", "overdue",
            "reopenCount", "rating", "solved", "createdAt", "updatedAt");

    /** How an export's connection names itself in pg_stat_activity while it streams (an operator can tell exports apart). */
    static final String APPLICATION_NAME = "gridloop ticket export";

    /** Excel reads a file as UTF-8 only when it starts with the byte order mark. */
    private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    /** How long a refused export is told to wait: an export of a few thousand rows takes seconds. */
    private static final int RETRY_AFTER_SECONDS = 30;

    private final EntityManager entityManager;
    private final TicketQueries queries;
    private final TicketViews views;
    private final TicketConfig config;
    private final Caller caller;
    private final Audit audit;
    private final CurrentVertxRequest request;
    private final Semaphore running;

    TicketExport(EntityManager entityManager, TicketQueries queries, TicketViews views, TicketConfig config, Caller caller,
            Audit audit, CurrentVertxRequest request) {
        this.entityManager = entityManager;
        this.queries = queries;
        this.views = views;
        this.config = config;
        this.caller = caller;
        this.audit = audit;
        this.request = request;
        this.running = new Semaphore(config.exportConcurrency());
    }

    /**
     * The export of what the filter selects in the caller's scope, refused (422) when it would have more
     * than the configured number of rows, or (503) while as many exports as may run at once are running;
     * the export is on record before a row is written.
     */
    StreamingOutput export(Filter filter) {
        if (!running.tryAcquire()) {
            throw ProblemException.retryAfter(ProblemType.BUSY, RETRY_AFTER_SECONDS, "busy.exports");
        }
        try {
            StreamingOutput body = accepted(filter);
            // released once the response has ended, whether written whole, cut short by the client or never written
            request.getCurrent().addEndHandler(ended -> running.release());
            return body;
        } catch (RuntimeException refused) {
            running.release();
            throw refused;
        }
    }

    private StreamingOutput accepted(Filter filter) {
        int cap = config.exportMaxRows();
        long rows = QuarkusTransaction.requiringNew().call(() -> {
            Statement count = TicketQueries.exportCount(queries.exportWhere(filter), cap + 1);
            long counted = ((Number) count.where().bind(entityManager.createNativeQuery(count.sql())).getSingleResult())
                    .longValue();
            if (counted <= cap) {
                audit.record(caller.districtId(), AuditKind.PERSONAL_DATA_READ, caller.accountId(), "ticket-export", null,
                        Map.of("field", "reporter", "rows", counted, "filters", described(filter)));
            }
            return counted;
        });
        if (rows > cap) {
            throw ProblemException.unprocessable(List.of(), "export.too-large.detail", cap);
        }
        Statement statement = TicketQueries.exportStatement(queries.exportWhere(filter), cap);
        return out -> QuarkusTransaction.requiringNew().timeout((int) config.exportTimeout().toSeconds())
                .run(() -> write(statement, out));
    }

    /** The filters as the export's audit entry keeps them: those that were given. */
    private static Map<String, Object> described(Filter filter) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("status", filter.status());
        given.put("gridId", filter.gridId());
        given.put("regionId", filter.regionId());
        given.put("categoryCode", filter.categoryCode());
        given.put("kind", filter.kind());
        given.put("assignee", filter.assignedToMe() ? "me" : null);
        given.put("overdue", filter.overdue());
        given.put("supervision", filter.supervision());
        given.put("q", filter.q());
        given.values().removeIf(Objects::isNull);
        return given.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()),
                (a, b) -> a, LinkedHashMap::new));
    }

    private void write(Statement statement, OutputStream out) {
        entityManager.createNativeQuery("SELECT set_config('application_name', :name, true)")
                .setParameter("name", APPLICATION_NAME).getSingleResult();
        CustomPlans.forThisTransaction(entityManager);
        Session session = entityManager.unwrap(Session.class);
        session.setDefaultReadOnly(true);
        NativeQuery<Ticket> query = statement.where().bind(session.createNativeQuery(statement.sql(), Ticket.class));
        try (ScrollableResults<Ticket> rows = query.setFetchSize(FETCH).scroll(ScrollMode.FORWARD_ONLY)) {
            Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            out.write(BOM);
            line(csv, COLUMNS);
            List<Ticket> chunk = new ArrayList<>(FETCH);
            while (rows.next()) {
                chunk.add(rows.get());
                if (chunk.size() == FETCH) {
                    flush(chunk, csv);
                }
            }
            flush(chunk, csv);
            csv.flush();
        } catch (IOException e) {
            // the client went away: the read ends and its transaction rolls back
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the chunk as the list would show it, then lets it go (the session forgets the tickets). */
    private void flush(List<Ticket> chunk, Writer csv) throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        for (TicketView ticket : views.of(chunk)) {
            line(csv, cells(ticket));
        }
        chunk.clear();
        entityManager.clear();
    }

    static List<Object> cells(TicketView t) {
        TicketView.Location location = t.location();
        TicketView.Reporter reporter = t.reporter();
        TicketView.Assignee assignee = t.assignee();
        return Arrays.asList(t.id(), t.number(), t.kind(), t.status(), t.categoryCode(), t.title(), t.description(),
                t.gridId(), location == null ? null : location.address(), location == null ? null : location.lat(),
                location == null ? null : location.lng(), t.source(), t.matterClass(), t.priority(), t.anonymous(),
                reporter == null ? null : reporter.name(), reporter == null ? null : reporter.phone(),
                assignee == null ? null : assignee.target(), assignee == null ? null : assignee.name(),
                assignee == null ? null : assignee.unitId(), t.dueAt(), t.supervision(), t.overdue(), t.reopenCount(),
                t.rating(), t.solved(), t.createdAt(), t.updatedAt());
    }

    private static void line(Writer csv, List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.write(',');
            }
            csv.write(cell(cells.get(i)));
        }
        csv.write("\r\n");
    }

    /**
     * One field as RFC 4180 writes it (quoted when it holds a comma, a quote or a line break, quotes
     * doubled). Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a
     * carriage return) is prefixed with an apostrophe (OWASP's CSV injection advice); numbers and
     * times are the service's own and written as they are.
     */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof OffsetDateTime time) {
            return JsonTimes.format(time);
        }
        String text = value.toString();
        if (value instanceof String && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
