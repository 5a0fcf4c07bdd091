package io.gridloop.ticket;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    private final EntityManager entityManager;
    private final ObjectMapper json;

    TicketEvents(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /** The events with these ids, by id (ids of no event are left out). */
    public Map<Long, Published> byIds(Collection<Long> eventIds) {
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("""
                SELECT e.id, e.ticket_id, t.number, e.action, e.from_status, e.to_status, e.details::text AS details,
                       e.created_at, t.external_source, t.external_id
                FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id
                WHERE e.id IN (:ids)""", Tuple.class)
                .setParameter("ids", List.copyOf(eventIds)).getResultList();
        return rows.stream().map(this::published).collect(Collectors.toMap(Published::eventId, Function.identity()));
    }

    private Published published(Tuple row) {
        String details = row.get("details", String.class);
        try {
            return new Published(row.get("id", Long.class), row.get("ticket_id", Long.class), row.get("number", String.class),
                    row.get("action", String.class), row.get("from_status", String.class), row.get("to_status", String.class),
                    details == null ? null : json.readValue(details, DETAILS),
                    row.get("created_at", Instant.class).atOffset(ZoneOffset.UTC), row.get("external_source", String.class),
                    row.get("external_id", String.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ticket_event.details is not JSON", e);
        }
    }
}
