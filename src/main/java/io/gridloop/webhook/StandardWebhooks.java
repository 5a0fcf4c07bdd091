package io.gridloop.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of the Standard Webhooks specification (standardwebhooks.com): the secret is
 * {@code whsec_} and the Base64 of its key bytes; the signature is {@code v1,} and the Base64 of
 * HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>}.
 */
final class StandardWebhooks {

    static final String PREFIX = "whsec_";
    /** A secret a subscriber brings: whsec_ and Base64 of at least 24 bytes (32 characters). */
    static final String SECRET_PATTERN = "^whsec_[A-Za-z0-9+/]{32,120}={0,2}$";
    private static final SecureRandom RANDOM = new SecureRandom();

    private StandardWebhooks() {
    }

    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Whether the secret's Base64 part decodes (the pattern alone lets through a few that do not). */
    static boolean decodes(String secret) {
        try {
            return Base64.getDecoder().decode(secret.substring(PREFIX.length())).length >= 24;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String signature(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
