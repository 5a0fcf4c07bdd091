package io.gridloop.webhook;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a subscriber may ask to hear of. Which timeline rows make which types is written once, in
 * SQL, by {@code webhook_event_types} (V14), the function the outbox trigger calls.
 */
enum EventType {
    /** A ticket was filed. */
    CREATED("ticket.created"),
    /** Any transition, from one status to another (the payload has from and to). */
    STATUS_CHANGED("ticket.status_changed"),
    /** The reporter rated it, or it closed unrated (auto-close). */
    FEEDBACK("ticket.feedback"),
    /** The overdue scan found it past a deadline and raised its supervision. */
    OVERDUE("ticket.overdue"),
    /** A person set its supervision level (督办). */
    SUPERVISED("ticket.supervised");

    final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    static Optional<EventType> of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    /** The names in the order of the enum, for the OpenAPI pattern of a request's events. */
    static final String PATTERN = "^ticket\\.(created|status_changed|feedback|overdue|supervised)$";
}
