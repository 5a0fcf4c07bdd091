package io.gridloop.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What an operator prepares before the first start, as README's production section tells it: a
 * PostgreSQL with an ordinary owner (no superuser), an RS256 key pair in files, and the first
 * administrator's bootstrap settings. The packaged service is then started by the test framework
 * in the production profile with these settings and nothing else. A test's fields of type
 * {@link DataSource} get the district's database (as the server's superuser, for checks no endpoint
 * answers).
 */
public class FreshDistrict implements QuarkusTestResourceLifecycleManager {

    public static final String DISTRICT = "示范区";
    public static final String ADMIN = "districtadmin";
    public static final String FIRST_PASSWORD = "first-start-9Qx";

    private EmbeddedPostgres server;

    @Override
    public Map<String, String> start() {
        try {
            server = EmbeddedPostgres.builder().setLocaleConfig("encoding", "UTF8").setLocaleConfig("locale", "C.UTF-8")
                    .setServerConfig("fsync", "off").start();
            try (Connection dba = server.getPostgresDatabase().getConnection(); Statement sql = dba.createStatement()) {
                sql.execute("CREATE ROLE gridloop LOGIN PASSWORD 'install-secret' NOSUPERUSER NOCREATEDB NOCREATEROLE");
                sql.execute("CREATE DATABASE gridloop OWNER gridloop");
            }
            Path keys = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "fresh-district-");
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPair pair = rsa.generateKeyPair();
            Path signing = Files.writeString(keys.resolve("signing.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Path verification = Files.writeString(keys.resolve("verification.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return Map.ofEntries(
                    Map.entry("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/gridloop"),
                    Map.entry("quarkus.datasource.username", "gridloop"),
                    Map.entry("quarkus.datasource.password", "install-secret"),
                    Map.entry("smallrye.jwt.sign.key.location", signing.toAbsolutePath().toString()),
                    Map.entry("mp.jwt.verify.publickey.location", verification.toAbsolutePath().toString()),
                    Map.entry("gridloop.http.public-base-url", "https://gridloop.example.gov.cn"),
                    Map.entry("gridloop.bootstrap.district", DISTRICT),
                    Map.entry("gridloop.bootstrap.admin.username", ADMIN),
                    Map.entry("gridloop.bootstrap.admin.password", FIRST_PASSWORD),
                    // the test framework starts it on a random HTTP port; a fixed management port beside a
                    // random one hangs Quarkus 3.36's start (Micrometer registers the server's meters twice)
                    Map.entry("quarkus.management.port", "0"));
        } catch (IOException | SQLException | NoSuchAlgorithmException e) {
            stop();
            throw new IllegalStateException("could not prepare the fresh district's database and keys", e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server.getDatabase("postgres", "gridloop"),
                new TestInjector.MatchesType(DataSource.class));
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
                server = null;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The demo district's file (seeds/demo-district.yaml), the example of the import format, with a bcrypt
     * passwordHash of this password for these of its accounts, as a district would give its first accounts.
     */
    public static byte[] demoDistrict(String password, List<String> usernames) throws IOException {
        String file = Files.readString(Path.of("seeds/demo-district.yaml"));
        String hash = BCrypt.withDefaults().hashToString(10, password.toCharArray());
        for (String username : usernames) {
            String row = "  - username: " + username + "\n";
            if (!file.contains(row)) {
                throw new IllegalStateException("seeds/demo-district.yaml has no account " + username);
            }
            file = file.replace(row, row + "    passwordHash: \"" + hash + "\"\n");
        }
        return file.getBytes(StandardCharsets.UTF_8);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
