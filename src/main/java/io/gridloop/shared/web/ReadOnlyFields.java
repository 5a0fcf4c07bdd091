package io.gridloop.shared.web;

import java.time.OffsetDateTime;
import java.util.Objects;

import io.gridloop.shared.problem.ProblemException;

/**
 * A resource read with GET may be edited and sent back whole with PUT: the fields the client cannot
 * change (ids, the version, what the service derives) are then accepted as long as they are what the
 * resource holds, and refused with a 400 naming the field when they are not, rather than ignored.
 */
public final class ReadOnlyFields {

    /** How the OpenAPI document describes such a field of an update body. */
    public static final String ECHOED = "read-only: as read with GET, sent back unchanged or left out";

    private ReadOnlyFields() {
    }

    /** Absent, or the resource's own value; else 400 {@code field.read-only}. */
    public static void unchanged(String field, Object sent, Object current) {
        boolean same = sent instanceof OffsetDateTime time && current instanceof OffsetDateTime held
                ? time.isEqual(held)
                : Objects.equals(sent, current);
        if (sent != null && !same) {
            throw ProblemException.invalidField(field, "field.read-only");
        }
    }
}
