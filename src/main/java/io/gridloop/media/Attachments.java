package io.gridloop.media;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.sql.Bulk;
import io.gridloop.shared.sql.Jdbc;
import io.gridloop.shared.sql.Where;

/**
 * What tickets use of media: attaching uploads to a ticket's timeline event, in the ticket's
 * transaction, and reading which are attached where.
 */
@Singleton
public class Attachments {

    private final EntityManager entityManager;
    private final Jdbc jdbc;

    Attachments(EntityManager entityManager, Jdbc jdbc) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
    }

    /**
     * Attaches the uploads to the ticket, with the event that did it, in the caller's transaction. Only the
     * uploader's own uploads that are not attached yet nor kept as a portrait ({@link Portraits}) may be (and each
     * once): otherwise nothing is attached, and the answer is 422 naming {@code field}.
     */
    public void attach(long districtId, long uploaderId, List<Long> ids, long ticketId, long eventId, OffsetDateTime at,
            String field) {
        if (ids == null || ids.isEmpty()) {
            return;
        }
        if (new LinkedHashSet<>(ids).size() != ids.size()) {
            throw refused(field, "media.attachment-repeated");
        }
        int attached = entityManager.createNativeQuery("""
                UPDATE media SET ticket_id = :ticket, ticket_event_id = :event, attached_at = :at
                WHERE id IN (:ids) AND district_id = :district AND uploader_id = :uploader AND ticket_id IS NULL
                  AND portrait_of IS NULL""")
                .setParameter("ticket", ticketId).setParameter("event", eventId).setParameter("at", at)
                .setParameter("ids", ids).setParameter("district", districtId).setParameter("uploader", uploaderId)
                .executeUpdate();
        if (attached != ids.size()) {
            throw refused(field, "media.not-attachable");
        }
    }

    /** SQL: whether any upload is attached to the ticket with the given id (a column or a named parameter). */
    public static String anyAttachedSql(String ticketIdSource) {
        return "EXISTS (SELECT 1 FROM media a WHERE a.ticket_id = " + Where.columnOrParameter(ticketIdSource) + ")";
    }

    private static ProblemException refused(String field, String messageKey) {
        return ProblemException.unprocessable(List.of(new Problem.Violation(field, messageKey)), "media.attachments-refused");
    }

    /** The uploads attached to each of the tickets, in the order they were uploaded. */
    public Map<Long, List<Long>> ofTickets(Collection<Long> ticketIds) {
        return grouped("ticket_id", ticketIds);
    }

    /** The uploads each timeline event attached. */
    public Map<Long, List<Long>> ofEvents(long ticketId) {
        return grouped("ticket_event_id", List.of(ticketId));
    }

    /** The uploads of the tickets, grouped by a column (by JDBC: every ticket view asks, for any number of tickets). */
    private Map<Long, List<Long>> grouped(String by, Collection<Long> ticketIds) {
        Map<Long, List<Long>> grouped = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return grouped;
        }
        Where.Jdbc in = Bulk.in("ticket_id", ticketIds);
        jdbc.each("SELECT " + by + ", id FROM media WHERE " + in.sql() + " ORDER BY id",
                row -> grouped.computeIfAbsent(row.getLong(1), k -> new ArrayList<>()).add(row.getLong(2)), in.parameters());
        return grouped;
    }
}
