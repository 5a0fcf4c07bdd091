package io.gridloop.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.shared.sql.Jdbc;

/**
 * The timeline as other systems are told of it (webhooks): each event with its ticket's number and
 * external id, the action, the statuses and the typed facts ({@link TicketFact}). Never the note
 * (what a person wrote may name people) nor who acted: an anonymous reporter stays anonymous.
 */
@ApplicationScoped
public class TicketEvents {

    /** One timeline event as published. */
    public record Published(long eventId, long ticketId, String number, String action, String from, String to,
            Map<String, Object> details, OffsetDateTime occurredAt, String externalSource, String externalId) {
    }

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final Jdbc jdbc;
    private final ObjectMapper json;

    TicketEvents(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The events with these ids, by id (ids of no event are left out). */
    public Map<Long, Published> byIds(Collection<Long> eventIds) {
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        List<Published> rows = jdbc.rows("""
                SELECT e.id, e.ticket_id, t.number, e.action, e.from_status, e.to_status, e.details::text AS details,
                       e.created_at, t.external_source, t.external_id
                FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id
                WHERE e.id = ANY (?)""", this::published, (Object) eventIds.toArray(Long[]::new));
        return rows.stream().collect(Collectors.toMap(Published::eventId, Function.identity()));
    }

    private Published published(ResultSet row) throws SQLException {
        String details = row.getString("details");
        try {
            return new Published(row.getLong("id"), row.getLong("ticket_id"), row.getString("number"),
                    row.getString("action"), row.getString("from_status"), row.getString("to_status"),
                    details == null ? null : json.readValue(details, DETAILS),
                    row.getObject("created_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                    row.getString("external_source"), row.getString("external_id"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ticket_event.details is not JSON", e);
        }
    }
}
