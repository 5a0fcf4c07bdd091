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
 * URL is configured, and a signing key pair when none is configured outside production.
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

        if (absent(context, JDBC_URL) && Boolean.parseBoolean(value(context, "gridloop.embedded-postgres.enabled", "true"))) {
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
        return values.isEmpty() ? List.of() : List.of(new LazySource(Map.copyOf(values)));
    }

    private static boolean absent(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank();
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? fallback : value.getValue();
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
