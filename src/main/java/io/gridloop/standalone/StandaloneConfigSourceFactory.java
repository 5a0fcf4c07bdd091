package io.gridloop.standalone;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * What gridloop provides for itself when it runs on its own: a PostgreSQL server when no database
 * URL is configured (in production only when asked for), and a signing key pair when none is
 * configured outside production; and in production, a refusal to start without what it needs
 * ({@link ProductionGuard}).
 *
 * <p>The values are computed when first asked for, never listed: the build reads configuration by
 * property name and so starts nothing, while the datasource asks for its URL only at run time.
 */
public class StandaloneConfigSourceFactory implements ConfigSourceFactory {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String SIGN_KEY = "smallrye.jwt.sign.key";
    static final String VERIFY_KEY = "mp.jwt.verify.publickey";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Path dataDirectory = Path.of(value(context, "gridloop.data-dir", "data"));
        boolean production = context.getProfiles().contains("prod");
        Map<String, Supplier<String>> values = new java.util.HashMap<>();
        List<ConfigSource> sources = new java.util.ArrayList<>();
        if (production) {
            Map<String, String> settings = new java.util.HashMap<>();
            for (String name : ProductionGuard.SETTINGS) {
                ConfigValue value = context.getValue(name);
                if (value != null && value.getValue() != null) {
                    settings.put(name, value.getValue());
                }
            }
            sources.add(new GuardSource(settings));
        }

        // production starts an embedded server only when told to; dev, test and demo unless told not to
        boolean embedded = Boolean.parseBoolean(value(context, ProductionGuard.EMBEDDED, production ? "false" : "true"));
        if (absent(context, JDBC_URL) && embedded) {
            boolean durable = Boolean.parseBoolean(value(context, "gridloop.embedded-postgres.durable", "true"));
            boolean fresh = Boolean.parseBoolean(value(context, "gridloop.embedded-postgres.fresh", "false"));
            Path directory = dataDirectory.resolve("postgres");
            values.put(JDBC_URL, () -> EmbeddedPostgres.jdbcUrl(directory, durable, fresh));
        }
        if (!production && absent(context, SIGN_KEY) && absent(context, SIGN_KEY + ".location")
                && absent(context, VERIFY_KEY) && absent(context, VERIFY_KEY + ".location")) {
            Path directory = dataDirectory.resolve("keys");
            values.put(SIGN_KEY, () -> LocalKeys.loadOrCreate(directory).privateKey());
            values.put(VERIFY_KEY, () -> LocalKeys.loadOrCreate(directory).publicKey());
        }
        if (!values.isEmpty()) {
            sources.add(new LazySource(Map.copyOf(values)));
        }
        return sources;
    }

    private static boolean absent(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank();
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? fallback : value.getValue();
    }

    /**
     * Answers nothing, but refuses the database URL, which the datasource asks for first thing at run
     * time (never during the build), while production lacks what it needs: the start fails there with
     * one line per problem, before any connection is made.
     */
    private record GuardSource(Map<String, String> settings) implements ConfigSource {

        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public String getValue(String propertyName) {
            if (JDBC_URL.equals(propertyName)) {
                List<String> problems = ProductionGuard.problems(settings);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("gridloop will not start in production:\n  " + String.join("\n  ", problems));
                }
            }
            return null;
        }

        @Override
        public String getName() {
            return "gridloop-production-guard";
        }

        @Override
        public int getOrdinal() {
            return Integer.MAX_VALUE;
        }
    }

    private record LazySource(Map<String, Supplier<String>> values) implements ConfigSource {

        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public String getValue(String propertyName) {
            Supplier<String> supplier = values.get(propertyName);
            return supplier == null ? null : supplier.get();
        }

        @Override
        public String getName() {
            return "gridloop-standalone";
        }

        @Override
        public int getOrdinal() {
            return 50;
        }
    }
}
