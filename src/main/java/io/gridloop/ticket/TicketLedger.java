package io.gridloop.ticket;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import jakarta.inject.Singleton;
import jakarta.persistence.OptimisticLockException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.media.Attachments;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.sql.EntityIds;
import io.gridloop.shared.sql.Jdbc;
import io.gridloop.shared.sql.Where;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What every ticket write shares: finding the ticket in the caller's sight, and writing the change with its timeline
 * event (一账) in one statement, or in one transaction when they are more ({@link #writes}), past
 * the ORM: hand-written SQL, at once, by {@link Jdbc} (Hibernate's loading, binding, events and persistence context were
 * the largest share of the service's CPU in a filing and in an action; a filing or an action opens no Hibernate session
 * at all), with ids from the entities' own generators ({@link EntityIds}), so ids stay in the sequences' blocks however
 * they were taken. A filing's ticket, its number and its first event are one statement; an action's change
 * ({@link TicketRows}) and its event are another. bench/filing.pgbench issues the filing's statements.
 */
@Singleton
class TicketLedger {

    private static final String EVENT_COLUMNS = """
            ticket_event (id, ticket_id, district_id, actor_id, actor_role, action, from_status, to_status, note, details,
                created_at)""";

    private static final String EVENT_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?";

    private static final String INSERT_EVENT = "INSERT INTO " + EVENT_COLUMNS + " VALUES (" + EVENT_VALUES + ")";

    /**
     * What an action's change is called in its statement. Everything that goes with the change reads it (the notice
     * reads the ticket's new row; the lapse of an extension request, a closing's award and the audit of the phone the
     * answer shows are written only if it holds the ticket), so nothing is written when the change was not: PostgreSQL
     * runs every data-modifying {@code WITH} query of a statement whatever the others do, and the statement commits by
     * itself when no transaction is around it.
     */
    static final String CHANGED = "changed";

    /**
     * An action in one statement: the ticket's UPDATE ({@link TicketRows#change}, placed at the first {@code %s}), what
     * goes with it (the second: its notice, an extension request's lapse, a closing's award, the audit of the phone its
     * answer shows, each named data-modifying {@code WITH} queries reading {@link #CHANGED}), then its event, only if
     * the ticket was updated: none of them when someone changed it first (and the action fails 409). The UPDATE takes
     * the ticket's row lock before the event is inserted, so one ticket's events (and their outbox rows) are inserted in
     * the order they commit. The triggers on both tables run at the statement's end, seeing both rows.
     */
    private static final String CHANGE_WITH_EVENT = "WITH " + CHANGED + " AS (%s RETURNING *)%s INSERT INTO " + EVENT_COLUMNS
            + " SELECT " + EVENT_VALUES + " FROM " + CHANGED;

    /**
     * A filing in one statement: its first event ({@code FILING_EVENT}), the audit of what its answer shows (a
     * data-modifying {@code WITH} query, when it shows any), and the ticket ({@code FILING_TICKET}) with what
     * {@link Ticket#file} and the external filer set (every other column NULL or its default) and the number drawn for
     * it ({@link TicketNumbers#DRAWN}), which comes back. The event's foreign key is checked at the statement's end,
     * when the ticket is there; so do the triggers on both tables run, seeing both rows.
     */
    private static final String FILING_EVENT = "WITH event AS (" + INSERT_EVENT + ")";

    private static final String FILING_TICKET = "\n" + """
            INSERT INTO ticket (id, district_id, number, kind, category_id, title, description, lat, lng, address, grid_id,
                grid_path, reporter_id, reporter_name, reporter_phone, anonymous, source, priority, status, supervision,
                escalation, reopen_count, flagged_for_community, external_source, external_id, external_digest,
                filed_by_api_key, version, created_at, updated_at)
            VALUES (?, ?, %s, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING number""".formatted(TicketNumbers.DRAWN);

    private final Caller caller;
    private final Jdbc jdbc;
    private final EntityIds ids;
    private final TicketQueries queries;
    private final TicketViews views;
    private final ObjectMapper json;
    private final Attachments attachments;
    private final TicketNumbers numbers;

    TicketLedger(Caller caller, Jdbc jdbc, EntityIds ids, TicketQueries queries, TicketViews views, ObjectMapper json,
            Attachments attachments, TicketNumbers numbers) {
        this.caller = caller;
        this.jdbc = jdbc;
        this.ids = ids;
        this.queries = queries;
        this.views = views;
        this.json = json;
        this.attachments = attachments;
        this.numbers = numbers;
    }

    /** The ticket, if the caller may see it; otherwise it does not exist for them (404). */
    Ticket visible(long id) {
        return queries.findVisible(id).orElseThrow(ProblemException::notFound);
    }

    /**
     * 群众点单: a new ticket with the number drawn for it in the year given, and its FILE event, with the filer's uploads
     * attached to the event; answered as the filer sees it, built before the statement (which writes the audit of the
     * phone it shows, if any) and numbered after. The ticket is not managed afterwards: a filing changes nothing after it.
     */
    TicketView filed(Ticket ticket, int year, String role, OffsetDateTime now, List<Long> attachmentIds) {
        ticket.id = ids.next(Ticket.class);
        TicketEvent event = event(ticket, role, TicketAction.FILE, null, null, null, now);
        List<Long> uploads = attachmentIds == null ? List.of() : attachmentIds;
        TicketViews.Answer answer = views.answer(ticket, uploads, null);
        return writes(uploads.isEmpty() && numbers.ready(ticket.districtId, year), () -> {
            TicketNumbers.Draw number = numbers.draw(ticket.districtId, year);
            Object[] ticketValues = { ticket.id, ticket.districtId, number.year(), number.sequence(), ticket.kind.name(),
                    ticket.categoryId, ticket.title, ticket.description, ticket.lat, ticket.lng, ticket.address,
                    ticket.gridId, ticket.gridPath, ticket.reporterId, ticket.reporterName, ticket.reporterPhone,
                    ticket.anonymous, ticket.source.name(), ticket.priority.name(), ticket.status.name(),
                    ticket.supervision.name(), ticket.escalation.name(), ticket.reopenCount, ticket.flaggedForCommunity,
                    ticket.externalSource, ticket.externalId, ticket.externalDigest, ticket.filedByApiKey, ticket.version,
                    ticket.createdAt, ticket.updatedAt };
            List<Object> values = new ArrayList<>(Arrays.asList(values(event, null)));
            String withs = withs(values, Arrays.asList(along("audit", answer.audit())));
            values.addAll(Arrays.asList(ticketValues));
            ticket.number = jdbc.rows(FILING_EVENT + withs + FILING_TICKET, row -> row.getString(1), values.toArray())
                    .get(0);
            attach(ticket, event, uploads);
            return answer.view().numbered(ticket.number);
        });
    }

    /**
     * Writes the change and its event now, so a conflict surfaces here (409 concurrent-change when someone changed the
     * ticket since it was read), and answers the ticket as the caller may see it. {@code now} is the action's one
     * reading of the clock: the event's time and the ticket's {@code updatedAt}, as it is the time the action gave the
     * ticket (claimed, resolved, closed at), so the timeline and the ticket never disagree by the microseconds between
     * two readings. {@code note} is what the person wrote; {@code fact} what the action decided; {@code along} what
     * else the action writes ({@link TicketNotices}' notice, {@link TicketOversight#lapse}, {@link ClosingAward}'s
     * award), each named {@code WITH} queries ({@link #along}) or null, which go with the change.
     */
    TicketView saved(Ticket ticket, OffsetDateTime now, String role, TicketAction action, TicketStatus from, String note,
            TicketFact fact, Where.Jdbc... along) {
        return saved(ticket, now, role, action, from, note, fact, List.of(), along);
    }

    /**
     * As {@link #saved(Ticket, OffsetDateTime, String, TicketAction, TicketStatus, String, TicketFact, Where.Jdbc...)},
     * attaching the caller's uploads to the event. The change, its event, what goes with it and the audit of what its
     * answer shows are one statement: the answer is built first, from the ticket as the change stores it, and the
     * uploads attached after, as they name the event.
     */
    TicketView saved(Ticket ticket, OffsetDateTime now, String role, TicketAction action, TicketStatus from, String note,
            TicketFact fact, List<Long> attachmentIds, Where.Jdbc... along) {
        ticket.updatedAt = now;
        TicketEvent event = event(ticket, role, action, from, note, fact, now);
        TicketRows.Change change = TicketRows.change(ticket);
        TicketRows.written(ticket, change);
        List<Long> uploads = attachmentIds == null ? List.of() : attachmentIds;
        TicketViews.Answer answer = views.answer(ticket, uploads, CHANGED);
        List<Object> values = new ArrayList<>(Arrays.asList(change.parameters()));
        List<Where.Jdbc> goWith = new ArrayList<>(Arrays.asList(along));
        goWith.add(along("audit", answer.audit()));
        String withs = withs(values, goWith);
        values.addAll(Arrays.asList(values(event, fact)));
        return writes(uploads.isEmpty(), () -> {
            if (jdbc.update(CHANGE_WITH_EVENT.formatted(change.sql(), withs), values.toArray()) == 0) {
                throw new OptimisticLockException("ticket " + ticket.id + " changed since version " + (ticket.version - 1));
            }
            attach(ticket, event, uploads);
            return answer.view();
        });
    }

    /**
     * A write that goes with a change, as the data-modifying {@code WITH} query {@code name AS (write)}; null for none.
     * Each writer names its own: {@code notice}, {@code lapse}, {@code audit}, and {@link ClosingAward}'s.
     */
    static Where.Jdbc along(String name, Where.Jdbc write) {
        return write == null ? null : new Where.Jdbc(name + " AS (" + write.sql() + ")", write.parameters());
    }

    /** The named {@code WITH} queries given that are not null ({@code , name AS (...)}), their values added to values. */
    private static String withs(List<Object> values, List<Where.Jdbc> writes) {
        StringBuilder withs = new StringBuilder();
        for (Where.Jdbc write : writes) {
            if (write != null) {
                withs.append(", ").append(write.sql());
                values.addAll(Arrays.asList(write.parameters()));
            }
        }
        return withs.toString();
    }

    /**
     * Runs a filing's or an action's writes. One statement is whole or nothing by itself, so it runs alone, with no
     * transaction begun for it: a transaction's begin, its commit and the commit's round trip were about a tenth of the
     * service's CPU per filing (docs/benchmarks.md, 2026-12-06 18:36) and more per action (2026-12-07). Writes of more
     * than one statement (uploads attached to the event, the sequence of a year's first number) share a transaction,
     * the caller's if it has one.
     */
    private static <T> T writes(boolean oneStatement, Supplier<T> work) {
        return oneStatement ? work.get() : QuarkusTransaction.joiningExisting().call(work::get);
    }

    /** The caller's own unattached uploads join the ticket with the event, in its transaction (422 for any other). */
    private void attach(Ticket ticket, TicketEvent event, List<Long> attachmentIds) {
        if (attachmentIds == null || attachmentIds.isEmpty()) {
            return;
        }
        attachments.attach(ticket.districtId, caller.accountId(), attachmentIds, ticket.id, event.id, event.createdAt,
                "attachmentIds");
        ticket.mayHaveUploads = true;
    }

    /** The event of an action on the ticket, with its id; not written yet. */
    private TicketEvent event(Ticket ticket, String role, TicketAction action, TicketStatus from, String note, TicketFact fact,
            OffsetDateTime now) {
        if (fact == null ? action.fact() != null : !action.fact().isInstance(fact)) {
            throw new IllegalArgumentException(action + " records a " + action.fact() + ", not " + fact);
        }
        TicketEvent event = new TicketEvent();
        event.id = ids.next(TicketEvent.class);
        event.ticketId = ticket.id;
        event.districtId = ticket.districtId;
        event.actorId = caller.accountId() == 0 ? null : caller.accountId();
        event.actorRole = role;
        event.action = action.slug();
        event.fromStatus = from == null ? null : from.name();
        event.toStatus = ticket.status.name();
        event.note = note;
        event.createdAt = now;
        return event;
    }

    /** The values of {@link #INSERT_EVENT}'s eleven places. */
    private Object[] values(TicketEvent event, TicketFact fact) {
        return new Object[] { event.id, event.ticketId, event.districtId, event.actorId, event.actorRole, event.action,
                event.fromStatus, event.toStatus, event.note, fact == null ? null : details(fact), event.createdAt };
    }

    private String details(TicketFact fact) {
        try {
            return json.writeValueAsString(fact);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a timeline fact that is not JSON: " + fact, e);
        }
    }
}
