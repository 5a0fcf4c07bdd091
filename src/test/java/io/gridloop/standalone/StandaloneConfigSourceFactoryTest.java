package io.gridloop.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/** What gridloop starts for itself, tested without booting Quarkus. */
class StandaloneConfigSourceFactoryTest {

    @TempDir
    Path dataDirectory;

    @Test
    void with_a_database_url_configured_nothing_embedded_starts() {
        var sources = sources(Map.of(StandaloneConfigSourceFactory.JDBC_URL, "jdbc:postgresql://db.example:5432/gridloop",
                StandaloneConfigSourceFactory.SIGN_KEY, "configured", StandaloneConfigSourceFactory.VERIFY_KEY, "configured"),
                List.of("dev"));
        assertTrue(sources.isEmpty());
        assertTrue(sources(Map.of(StandaloneConfigSourceFactory.JDBC_URL, "jdbc:postgresql://db:5432/x"), List.of("dev"))
                .stream().allMatch(source -> source.getValue(StandaloneConfigSourceFactory.JDBC_URL) == null));
    }

    @Test
    void production_never_makes_its_own_signing_key() {
        var sources = sources(Map.of(StandaloneConfigSourceFactory.JDBC_URL, "jdbc:postgresql://db:5432/x"), List.of("prod"));
        assertTrue(sources.stream().allMatch(source -> source.getValue(StandaloneConfigSourceFactory.SIGN_KEY) == null
                && source.getValue(StandaloneConfigSourceFactory.VERIFY_KEY) == null));
        assertTrue(Files.notExists(dataDirectory.resolve("keys")));
    }

    @Test
    void production_refuses_the_database_url_with_one_line_per_missing_setting() {
        var sources = sources(Map.of(), List.of("prod"));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> sources.forEach(source -> source.getValue(StandaloneConfigSourceFactory.JDBC_URL)));
        String[] lines = refused.getMessage().split("\n");
        assertEquals(5, lines.length, refused.getMessage());
        assertTrue(lines[1].contains("QUARKUS_DATASOURCE_JDBC_URL"), lines[1]);
        assertTrue(lines[2].contains("SMALLRYE_JWT_SIGN_KEY_LOCATION"), lines[2]);
        assertTrue(lines[3].contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), lines[3]);
        assertTrue(lines[4].contains("GRIDLOOP_HTTP_PUBLIC_BASE_URL"), lines[4]);
        assertTrue(Files.notExists(dataDirectory.resolve("postgres")), "production starts no embedded server unasked");
    }

    @Test
    void production_with_its_settings_answers_nothing_and_starts_nothing() {
        LocalKeys.Pem pair = LocalKeys.loadOrCreate(dataDirectory.resolve("operator-keys"));
        var sources = sources(Map.of(StandaloneConfigSourceFactory.JDBC_URL, "jdbc:postgresql://db:5432/x",
                StandaloneConfigSourceFactory.SIGN_KEY, pair.privateKey(), StandaloneConfigSourceFactory.VERIFY_KEY,
                pair.publicKey(), ProductionGuard.PUBLIC_BASE_URL, "https://gridloop.example.gov.cn"), List.of("prod"));
        for (ConfigSource source : sources) {
            assertNull(source.getValue(StandaloneConfigSourceFactory.JDBC_URL));
            assertNull(source.getValue(StandaloneConfigSourceFactory.SIGN_KEY));
        }
    }

    @Test
    void the_source_lists_no_names_so_reading_configuration_at_build_time_starts_nothing() {
        ConfigSource source = sources(Map.of(), List.of("dev")).get(0);
        assertTrue(source.getPropertyNames().isEmpty());
        assertTrue(Files.notExists(dataDirectory.resolve("postgres")), "nothing may start before the URL is asked for");
    }

    @Test
    void without_a_url_it_starts_a_durable_utf8_server_that_keeps_its_data_and_is_reused() throws Exception {
        ConfigSource source = sources(Map.of(), List.of("dev")).get(0);
        String url = source.getValue(StandaloneConfigSourceFactory.JDBC_URL);
        assertNotNull(url);
        try (Connection connection = DriverManager.getConnection(url)) {
            assertEquals("UTF8", show(connection, "server_encoding"));
            try (ResultSet result = connection.createStatement()
                    .executeQuery("SELECT datctype FROM pg_database WHERE datname = current_database()")) {
                result.next();
                assertEquals("C.UTF-8", result.getString(1));
            }
            assertEquals("on", show(connection, "fsync"));
        }
        assertTrue(Files.exists(dataDirectory.resolve("postgres/PG_VERSION")));
        // a dev-mode reload builds the configuration again: the same server answers
        assertEquals(url, sources(Map.of(), List.of("dev")).get(0).getValue(StandaloneConfigSourceFactory.JDBC_URL));
    }

    /** The start fails with one line (Quarkus prints the exception's own message only): it must say why. */
    @Test
    void a_data_directory_that_cannot_be_made_fails_the_start_saying_why() throws Exception {
        Path file = Files.createFile(dataDirectory.resolve("a-file"));

        UncheckedIOException database = assertThrows(UncheckedIOException.class,
                () -> EmbeddedPostgres.jdbcUrl(file.resolve("postgres"), true, false));
        UncheckedIOException keys = assertThrows(UncheckedIOException.class, () -> LocalKeys.loadOrCreate(file.resolve("keys")));

        for (UncheckedIOException refusal : List.of(database, keys)) {
            assertTrue(refusal.getMessage().endsWith(": " + refusal.getCause()), refusal.getMessage());
            assertTrue(refusal.getMessage().contains(file.toString()), refusal.getMessage());
        }
    }

    @Test
    void outside_production_the_signing_key_pair_is_made_once_and_kept() throws Exception {
        ConfigSource source = sources(Map.of(StandaloneConfigSourceFactory.JDBC_URL, "jdbc:postgresql://db:5432/x"),
                List.of("demo")).get(0);
        String privateKey = source.getValue(StandaloneConfigSourceFactory.SIGN_KEY);
        assertTrue(privateKey.startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(source.getValue(StandaloneConfigSourceFactory.VERIFY_KEY).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals(privateKey, Files.readString(dataDirectory.resolve("keys/jwt-private.pem")));
        assertNull(source.getValue(StandaloneConfigSourceFactory.JDBC_URL));
    }

    private static String show(Connection connection, String setting) throws Exception {
        try (ResultSet result = connection.createStatement().executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }

    private List<ConfigSource> sources(Map<String, String> configured, List<String> profiles) {
        Map<String, String> values = new java.util.HashMap<>(configured);
        values.put("gridloop.data-dir", dataDirectory.toString());
        ConfigSourceContext context = new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder().withName(name).withValue(values.get(name)).build();
            }

            @Override
            public List<String> getProfiles() {
                return profiles;
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }
        };
        List<ConfigSource> sources = new java.util.ArrayList<>();
        new StandaloneConfigSourceFactory().getConfigSources(context).forEach(sources::add);
        return sources;
    }
}
