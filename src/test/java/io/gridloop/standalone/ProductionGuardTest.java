package io.gridloop.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the production profile refuses to start without, one line each; checked without booting Quarkus. */
class ProductionGuardTest {

    private static final String URL = StandaloneConfigSourceFactory.JDBC_URL;
    private static final String SIGN = StandaloneConfigSourceFactory.SIGN_KEY;
    private static final String VERIFY = StandaloneConfigSourceFactory.VERIFY_KEY;
    private static final String BASE_URL = ProductionGuard.PUBLIC_BASE_URL;

    @TempDir
    Path directory;

    @Test
    void a_complete_production_configuration_has_no_problem() throws Exception {
        LocalKeys.Pem pair = LocalKeys.loadOrCreate(directory.resolve("a"));
        Path publicKey = Files.writeString(directory.resolve("public.pem"), pair.publicKey());

        assertEquals(List.of(), ProductionGuard.problems(Map.of(URL, "jdbc:postgresql://db/gridloop", SIGN, pair.privateKey(),
                VERIFY + ".location", publicKey.toString(), BASE_URL, "https://gridloop.example.gov.cn")));
        assertEquals(List.of(), ProductionGuard.problems(Map.of(URL, "jdbc:postgresql://db/gridloop",
                SIGN + ".location", "file:" + directory.resolve("a/jwt-private.pem"), VERIFY + ".location", publicKey.toString(),
                ProductionGuard.WECHAT_APP_ID, "wx123", ProductionGuard.WECHAT_SECRET, "s", BASE_URL, "https://gridloop.example.gov.cn")));
    }

    @Test
    void without_a_database_url_production_refuses_unless_an_embedded_server_is_asked_for() {
        Map<String, String> settings = withSetting(keys(), URL, null);

        assertEquals(List.of(), ProductionGuard.problems(withSetting(settings, URL, "jdbc:postgresql://db/gridloop")));
        assertEquals(List.of(), ProductionGuard.problems(withSetting(settings, ProductionGuard.EMBEDDED, "true")));
        List<String> problems = ProductionGuard.problems(settings);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("No database: set QUARKUS_DATASOURCE_JDBC_URL"), problems.get(0));
    }

    @Test
    void without_keys_production_names_both_settings() {
        List<String> problems = ProductionGuard.problems(Map.of(URL, "jdbc:postgresql://db/gridloop", BASE_URL, "https://g.example"));

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("No signing key: set SMALLRYE_JWT_SIGN_KEY_LOCATION"), problems.get(0));
        assertTrue(problems.get(1).startsWith("No verification key: set MP_JWT_VERIFY_PUBLICKEY_LOCATION"), problems.get(1));
    }

    @Test
    void keys_of_two_different_pairs_are_refused() {
        LocalKeys.Pem one = LocalKeys.loadOrCreate(directory.resolve("one"));
        LocalKeys.Pem other = LocalKeys.loadOrCreate(directory.resolve("other"));

        List<String> problems = ProductionGuard.problems(Map.of(URL, "jdbc:postgresql://db/gridloop", SIGN, one.privateKey(),
                VERIFY, other.publicKey(), BASE_URL, "https://g.example"));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("The verification key"), problems.get(0));
    }

    @Test
    void a_key_location_that_cannot_be_read_is_named() {
        List<String> problems = ProductionGuard.problems(withSetting(keys(), SIGN, null,
                SIGN + ".location", directory.resolve("missing.pem").toString()));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("SMALLRYE_JWT_SIGN_KEY_LOCATION=") && problems.get(0).contains("cannot be read"),
                problems.get(0));
    }

    /** Else every Location header would name localhost, or whatever Host a client sent. */
    @Test
    void without_a_public_base_url_production_refuses() {
        List<String> problems = ProductionGuard.problems(withSetting(keys(), BASE_URL, null));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("No public base URL: set GRIDLOOP_HTTP_PUBLIC_BASE_URL"), problems.get(0));
    }

    @Test
    void a_wechat_app_id_without_its_secret_is_refused() {
        List<String> problems = ProductionGuard.problems(withSetting(keys(), ProductionGuard.WECHAT_APP_ID, "wx123"));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("GRIDLOOP_WECHAT_APP_ID is set but GRIDLOOP_WECHAT_SECRET is not"), problems.get(0));
    }

    private Map<String, String> keys() {
        LocalKeys.Pem pair = LocalKeys.loadOrCreate(directory.resolve("keys"));
        return Map.of(URL, "jdbc:postgresql://db/gridloop", SIGN, pair.privateKey(), VERIFY, pair.publicKey(),
                BASE_URL, "https://gridloop.example.gov.cn");
    }

    private static Map<String, String> withSetting(Map<String, String> settings, String... namesAndValues) {
        Map<String, String> changed = new HashMap<>(settings);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                changed.remove(namesAndValues[i]);
            } else {
                changed.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return changed;
    }
}
