package io.gridloop.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;

/**
 * The RS256 key pair that signs gridloop's tokens outside production: made on first start and kept
 * in the data directory, so tokens survive a restart.
 */
final class LocalKeys {

    record Pem(String privateKey, String publicKey) {
    }

    private LocalKeys() {
    }

    static synchronized Pem loadOrCreate(Path directory) {
        Path privateFile = directory.resolve("jwt-private.pem");
        try {
            if (!Files.exists(privateFile)) {
                Files.createDirectories(directory);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Path temporary = Files.createTempFile(directory, "jwt", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.move(temporary, privateFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            String privatePem = Files.readString(privateFile);
            return new Pem(privatePem, publicPemOf(privatePem));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the signing key in " + directory + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not make a signing key", e);
        }
    }

    private static String publicPemOf(String privatePem) throws GeneralSecurityException {
        String body = privatePem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        KeyFactory factory = KeyFactory.getInstance("RSA");
        var privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        var publicKey = factory.generatePublic(
                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
