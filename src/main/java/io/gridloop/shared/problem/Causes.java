package io.gridloop.shared.problem;

import java.sql.SQLException;
import java.util.Objects;
import java.util.stream.Stream;

import org.hibernate.exception.ConstraintViolationException;

/** What a failure was caused by: the database's errors arrive wrapped in persistence and transaction exceptions. */
public final class Causes {

    private static final String UNIQUE_VIOLATION = "23505";

    private Causes() {
    }

    /** The failure and its causes, outermost first; a cause that names itself ends the chain. */
    public static Stream<Throwable> of(Throwable e) {
        return Stream.iterate(e, Objects::nonNull, cause -> cause.getCause() == cause ? null : cause.getCause());
    }

    /** Whether PostgreSQL answered the failure with this SQLState. */
    public static boolean sqlState(Throwable e, String state) {
        return of(e).anyMatch(cause -> cause instanceof SQLException sql && state.equals(sql.getSQLState()));
    }

    /** Whether PostgreSQL answered the failure with an SQLState of this class (its first two characters). */
    public static boolean sqlStateClass(Throwable e, String stateClass) {
        return of(e).anyMatch(cause -> cause instanceof SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().startsWith(stateClass));
    }

    /** Whether a unique index refused an insert or update; with a name, that index. */
    public static boolean uniqueViolation(Throwable e, String index) {
        return of(e).anyMatch(cause -> cause instanceof ConstraintViolationException violation
                && UNIQUE_VIOLATION.equals(violation.getSQLState())
                && (index == null || violation.getConstraintName() != null && violation.getConstraintName().contains(index)));
    }
}
