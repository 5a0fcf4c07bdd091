package io.gridloop.shared.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import jakarta.persistence.Query;

/**
 * A WHERE clause built from conditions, each written once with the parameters it binds, so a filter
 * and its binding cannot drift apart. Conditions are the feature's own SQL, never client text; values
 * are always bound.
 *
 * <pre>{@code
 * Where where = Where.of("t.district_id = :district", "district", districtId)
 *         .andIf(status, "t.status = :status", "status", status == null ? null : status.name());
 * query = bind(entityManager.createNativeQuery("SELECT … WHERE " + where.sql()), where);
 * }</pre>
 */
public final class Where {

    private final StringBuilder sql = new StringBuilder();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private Where() {
    }

    /** A clause of one condition; {@code names and values} alternate: {@code "district", 7L}. */
    public static Where of(String condition, Object... namesAndValues) {
        return new Where().and(condition, namesAndValues);
    }

    /** A clause that holds for every row, to add to. */
    public static Where always() {
        return new Where();
    }

    public Where and(String condition, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            bind((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        sql.append(sql.isEmpty() ? "" : " AND ").append('(').append(condition).append(')');
        return this;
    }

    /** A clause that holds where any of these holds (and nowhere when there are none). */
    public static Where anyOf(List<Where> alternatives) {
        Where any = new Where();
        for (Where alternative : alternatives) {
            any.sql.append(any.sql.isEmpty() ? "" : " OR ").append('(').append(alternative.sql()).append(')');
            alternative.parameters.forEach(any::bind);
        }
        if (any.sql.isEmpty()) {
            any.sql.append("false");
        }
        return any;
    }

    /** The condition only when {@code present} is not null (an absent filter filters nothing). */
    public Where andIf(Object present, String condition, Object... namesAndValues) {
        return present == null ? this : and(condition, namesAndValues);
    }

    /** Another clause's conditions and parameters, as one more condition of this one. */
    public Where and(Where other) {
        if (other.sql.isEmpty()) {
            return this;
        }
        other.parameters.forEach(this::bind);
        sql.append(sql.isEmpty() ? "" : " AND ").append('(').append(other.sql()).append(')');
        return this;
    }

    /** Where this clause does not hold, a NULL counting as not holding. */
    public Where negated() {
        Where not = Where.always().and(this);
        not.sql.insert(0, "NOT coalesce(").append(", false)");
        return not;
    }

    /** A parameter the statement around the clause uses (a LIMIT), bound with the clause's own. */
    public Where with(String name, Object value) {
        bind(name, value);
        return this;
    }

    /** One name, one value: the same name bound again must bring the same value. */
    private void bind(String name, Object value) {
        if (parameters.containsKey(name) && !Objects.equals(parameters.get(name), value)) {
            throw new IllegalArgumentException("parameter :" + name + " is bound twice with different values");
        }
        parameters.put(name, value);
    }

    public String sql() {
        return sql.isEmpty() ? "true" : sql.toString();
    }

    public Map<String, Object> parameters() {
        return Map.copyOf(parameters);
    }

    /** Binds this clause's parameters to a query whose SQL contains {@link #sql()}. */
    public <Q extends Query> Q bind(Q query) {
        parameters.forEach(query::setParameter);
        return query;
    }

    /** A statement with positional parameters, as the JDBC connection takes it ({@link Bulk}). */
    public record Jdbc(String sql, Object[] parameters) {
    }

    /**
     * A statement that uses this clause's parameters, for the JDBC connection (rows read without the ORM's
     * per-value conversions): each {@code :name} it names becomes {@code ?} (a collection one per element,
     * an empty one {@code NULL}, which no {@code IN} matches), its values in that order; parameters it does
     * not name are left out.
     */
    public Jdbc jdbc(String statement) {
        List<Object> values = new ArrayList<>();
        String sql = placed(statement, name -> {
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException("parameter :" + name + " is not bound");
            }
            Object value = parameters.get(name);
            if (value instanceof Collection<?> many) {
                values.addAll(many);
                return many.isEmpty() ? "NULL" : places(many.size());
            }
            values.add(value);
            return "?";
        });
        return new Jdbc(sql, values.toArray());
    }

    /**
     * A statement whose named parameters are placed once, to be bound many times ({@link Template#bind}): for one a
     * feature writes on every request, whose SQL is the same each time. Each {@code :name} becomes {@code ?}.
     */
    public static Template template(String statement) {
        List<String> names = new ArrayList<>();
        String sql = placed(statement, name -> {
            names.add(name);
            return "?";
        });
        return new Template(sql, List.copyOf(names));
    }

    /** A statement with positional parameters and the names whose values go in their places, in order. */
    public record Template(String sql, List<String> names) {

        /** The statement with these values, one per name (a single value each: a collection has no fixed places). */
        public Jdbc bind(Map<String, ?> values) {
            Object[] placed = new Object[names.size()];
            for (int i = 0; i < placed.length; i++) {
                String name = names.get(i);
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("parameter :" + name + " is not bound");
                }
                if (values.get(name) instanceof Collection<?>) {
                    throw new IllegalArgumentException("parameter :" + name + " takes one value, not a collection");
                }
                placed[i] = values.get(name);
            }
            return new Jdbc(sql, placed);
        }
    }

    /** The statement with each named parameter replaced by what {@code place} gives for its name, in order. */
    private static String placed(String statement, Function<String, String> place) {
        // scanned by hand, not by a regular expression: every ticket's read and view comes through here, and a
        // lookbehind tried at each of a statement's thousand characters was a few per cent of an action's CPU
        StringBuilder sql = new StringBuilder(statement.length() + 16);
        int copied = 0;
        for (int at = 0; at < statement.length(); at++) {
            int end = parameterEnd(statement, at);
            if (end < 0) {
                continue;
            }
            sql.append(statement, copied, at).append(place.apply(statement.substring(at + 1, end)));
            copied = end;
            at = end - 1;
        }
        return sql.append(statement, copied, statement.length()).toString();
    }

    /** {@code count} positional parameters, {@code ?, ?, …}, for a list of values bound one by one. */
    static String places(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /**
     * Where the named parameter at {@code at} ends ({@code :name}: a colon and a letter or underscore, then letters,
     * digits and underscores), or -1 if none starts there. A colon after a colon (the cast {@code ::date}) or inside a
     * word starts none.
     */
    private static int parameterEnd(String statement, int at) {
        if (statement.charAt(at) != ':' || at + 1 == statement.length() || !nameStart(statement.charAt(at + 1))) {
            return -1;
        }
        if (at > 0 && (statement.charAt(at - 1) == ':' || namePart(statement.charAt(at - 1)))) {
            return -1;
        }
        int end = at + 2;
        while (end < statement.length() && namePart(statement.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean nameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean namePart(char c) {
        return nameStart(c) || (c >= '0' && c <= '9');
    }

    /**
     * Checks that a piece of SQL a caller passes in as an id or path source is a column
     * ({@code t.grid_id}) or a named parameter ({@code :grid}) and nothing else, so no value is ever
     * spliced into SQL by mistake.
     */
    public static String columnOrParameter(String source) {
        if (source == null || !isColumnOrParameter(source)) {
            throw new IllegalArgumentException("a column (t.grid_id) or a named parameter (:grid), not " + source);
        }
        return source;
    }

    /** {@code name}, {@code alias.name} or {@code :name}; by hand, as {@link #parameterEnd}: it is on every request's path. */
    private static boolean isColumnOrParameter(String source) {
        if (source.startsWith(":")) {
            return isName(source, 1, source.length());
        }
        int dot = source.indexOf('.');
        return dot < 0 ? isName(source, 0, source.length())
                : isName(source, 0, dot) && isName(source, dot + 1, source.length());
    }

    private static boolean isName(String source, int from, int to) {
        if (from >= to || !nameStart(source.charAt(from))) {
            return false;
        }
        for (int at = from + 1; at < to; at++) {
            if (!namePart(source.charAt(at))) {
                return false;
            }
        }
        return true;
    }
}
