package io.gridloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.gridloop.shared.OwnsTables;

/**
 * Each table has one owning feature (its {@code package-info.java} says {@link OwnsTables}), and no
 * other feature names it in SQL: they go through the owner's query API. The packages are found by
 * scanning the source tree, the tables by reading the migrations, the SQL by reading every string
 * literal of a package's code (comments aside).
 */
class TableOwnershipTest {

    private static final Path SOURCES = Path.of("src/main/java/io/gridloop");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Pattern TABLE_REFERENCE = Pattern.compile(
            "(?i)\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+([a-z_][a-z0-9_]*)|nextval\\('([a-z_][a-z0-9_]*)_seq'\\)");

    @Test
    void every_table_of_the_migrations_has_exactly_one_owner() {
        Map<String, List<String>> owners = new TreeMap<>();
        tables().forEach(table -> owners.put(table, new ArrayList<>()));
        for (String feature : features()) {
            for (String table : owned(feature)) {
                assertTrue(owners.containsKey(table), feature + " owns " + table + ", which no migration creates");
                owners.get(table).add(feature);
            }
        }
        owners.forEach((table, features) -> assertEquals(1, features.size(), table + " is owned by " + features));
    }

    @Test
    void no_feature_names_a_table_it_does_not_own_in_its_sql() {
        Set<String> tables = tables();
        List<String> trespasses = new ArrayList<>();
        for (String feature : features()) {
            Set<String> owned = owned(feature);
            for (Path file : javaFiles(SOURCES.resolve(feature))) {
                for (String literal : stringLiterals(read(file))) {
                    for (String table : referencedTables(literal)) {
                        if (tables.contains(table) && !owned.contains(table)) {
                            trespasses.add(SOURCES.relativize(file) + " names " + table + ": " + literal.strip().lines()
                                    .findFirst().orElse(""));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), trespasses);
    }

    /** The test itself must see SQL, or it proves nothing: it finds the ticket feature's own statements. */
    @Test
    void the_scan_finds_sql_in_string_literals_and_text_blocks_but_not_in_comments() {
        List<String> literals = stringLiterals("""
                // SELECT * FROM account
                /* UPDATE region SET */
                String a = "SELECT id FROM ticket t JOIN ticket_event e";
                String b = \"""
                        INSERT INTO notification (id) VALUES (nextval('notification_seq'))\""";
                String c = "a \\" FROM unit";
                """);
        assertEquals(Set.of("ticket", "ticket_event", "notification", "unit"),
                literals.stream().flatMap(l -> referencedTables(l).stream()).collect(java.util.stream.Collectors.toSet()));
        assertTrue(javaFiles(SOURCES.resolve("ticket")).stream().flatMap(f -> stringLiterals(read(f)).stream())
                .anyMatch(l -> referencedTables(l).contains("ticket_event")));
    }

    private static Set<String> tables() {
        Set<String> tables = new TreeSet<>();
        Set<String> dropped = new TreeSet<>();
        Pattern create = Pattern.compile("(?i)CREATE TABLE\\s+(?:IF NOT EXISTS\\s+)?([a-z_][a-z0-9_]*)");
        Pattern drop = Pattern.compile("(?i)DROP TABLE\\s+(?:IF EXISTS\\s+)?([a-z_][a-z0-9_]*)");
        for (Path migration : files(MIGRATIONS, ".sql")) {
            Matcher m = create.matcher(read(migration));
            while (m.find()) {
                tables.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
            }
            Matcher d = drop.matcher(read(migration));
            while (d.find()) {
                dropped.add(d.group(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        // a table a later migration dropped (V11: personal_data_read) has no owner any more
        tables.removeAll(dropped);
        assertTrue(tables.contains("ticket"), "the migrations were not found from " + Path.of("").toAbsolutePath());
        return tables;
    }

    /** The feature packages: every folder directly under io/gridloop. */
    private static List<String> features() {
        try (Stream<Path> children = Files.list(SOURCES)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> owned(String feature) {
        try {
            OwnsTables owns = Class.forName("io.gridloop." + feature + ".package-info").getAnnotation(OwnsTables.class);
            return owns == null ? Set.of() : Set.of(owns.value());
        } catch (ClassNotFoundException none) {
            return Set.of();
        }
    }

    private static Set<String> referencedTables(String sql) {
        Set<String> tables = new TreeSet<>();
        Matcher m = TABLE_REFERENCE.matcher(sql);
        while (m.find()) {
            tables.add((m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(java.util.Locale.ROOT));
        }
        return tables;
    }

    /** The contents of the string literals and text blocks of Java source, skipping comments and char literals. */
    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i + 2) + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (source.charAt(end - 1) == '\\') {
                    end = source.indexOf("\"\"\"", end + 1);
                }
                literals.add(source.substring(i + 3, end));
                i = end + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                int end = i + 1;
                while (source.charAt(end) != quote) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                if (quote == '"') {
                    literals.add(source.substring(i + 1, end));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static List<Path> javaFiles(Path folder) {
        return files(folder, ".java");
    }

    private static List<Path> files(Path folder, String suffix) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
