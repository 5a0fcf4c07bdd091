package io.gridloop.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the production profile refuses to start without, each problem one line that names the
 * setting to fix: a database URL, the token key pair (present, readable, and one pair), the public
 * base URL, and the WeChat secret when an app id is set. Without these the service used to start, report ready, and
 * answer every sign-in with 500.
 */
final class ProductionGuard {

    static final String EMBEDDED = "gridloop.embedded-postgres.enabled";
    static final String WECHAT_APP_ID = "gridloop.wechat.app-id";
    static final String WECHAT_SECRET = "gridloop.wechat.secret";
    static final String PUBLIC_BASE_URL = "gridloop.http.public-base-url";
    /** The settings the checks read, captured when the configuration is built. */
    static final List<String> SETTINGS = List.of(StandaloneConfigSourceFactory.JDBC_URL, EMBEDDED,
            StandaloneConfigSourceFactory.SIGN_KEY, StandaloneConfigSourceFactory.SIGN_KEY + ".location",
            StandaloneConfigSourceFactory.VERIFY_KEY, StandaloneConfigSourceFactory.VERIFY_KEY + ".location",
            WECHAT_APP_ID, WECHAT_SECRET, PUBLIC_BASE_URL);

    private ProductionGuard() {
    }

    static List<String> problems(Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        if (blank(settings.get(StandaloneConfigSourceFactory.JDBC_URL)) && !"true".equals(settings.get(EMBEDDED))) {
            problems.add("No database: set QUARKUS_DATASOURCE_JDBC_URL (with QUARKUS_DATASOURCE_USERNAME and "
                    + "QUARKUS_DATASOURCE_PASSWORD); production starts an embedded PostgreSQL only with GRIDLOOP_EMBEDDED_POSTGRES_ENABLED=true");
        }
        Optional<String> signing = key(settings, StandaloneConfigSourceFactory.SIGN_KEY, "SMALLRYE_JWT_SIGN_KEY",
                "the PKCS#8 RSA private key, PEM", problems);
        Optional<String> verification = key(settings, StandaloneConfigSourceFactory.VERIFY_KEY, "MP_JWT_VERIFY_PUBLICKEY",
                "the RSA public key, PEM", problems);
        if (signing.isPresent() && verification.isPresent()) {
            pairProblem(signing.get(), verification.get()).ifPresent(problems::add);
        }
        if (blank(settings.get(PUBLIC_BASE_URL))) {
            problems.add("No public base URL: set GRIDLOOP_HTTP_PUBLIC_BASE_URL to where clients reach the service "
                    + "(e.g. https://gridloop.example.gov.cn): every Location header starts with it");
        }
        if (!blank(settings.get(WECHAT_APP_ID)) && blank(settings.get(WECHAT_SECRET))) {
            problems.add("GRIDLOOP_WECHAT_APP_ID is set but GRIDLOOP_WECHAT_SECRET is not: every resident's WeChat sign-in would fail");
        }
        return problems;
    }

    /** The key's PEM text, from the setting itself or from the file or class-path resource it locates. */
    private static Optional<String> key(Map<String, String> settings, String name, String variable, String what,
            List<String> problems) {
        String text = settings.get(name);
        if (!blank(text)) {
            return Optional.of(text);
        }
        String location = settings.get(name + ".location");
        if (blank(location)) {
            problems.add("No " + (name.startsWith("smallrye") ? "signing" : "verification") + " key: set " + variable
                    + "_LOCATION (" + what + ") or " + variable + " (its text)");
            return Optional.empty();
        }
        try {
            return Optional.of(read(location));
        } catch (IOException e) {
            problems.add(variable + "_LOCATION=" + location + " cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String read(String location) throws IOException {
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        if (!location.startsWith("classpath:") && Files.isRegularFile(Path.of(path))) {
            return Files.readString(Path.of(path));
        }
        String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource)) {
            if (in == null) {
                throw new IOException("no such file");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Both keys PEM: the public key must be the private key's own. Other formats (a JWK set) are left to smallrye-jwt. */
    private static Optional<String> pairProblem(String signingPem, String verificationPem) {
        if (!signingPem.contains("-----BEGIN") || !verificationPem.contains("-----BEGIN")) {
            return Optional.empty();
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            var privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(signingPem)));
            var publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der(verificationPem)));
            if (privateKey.getModulus().equals(publicKey.getModulus())
                    && privateKey.getPublicExponent().equals(publicKey.getPublicExponent())) {
                return Optional.empty();
            }
            return Optional.of("The verification key (MP_JWT_VERIFY_PUBLICKEY...) is not the public half of the signing key "
                    + "(SMALLRYE_JWT_SIGN_KEY...): no token the service signs would verify");
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            return Optional.of("The signing key must be a PKCS#8 RSA private key and the verification key an RSA public key, "
                    + "both PEM: " + e.getMessage());
        }
    }

    private static byte[] der(String pem) {
        return Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
