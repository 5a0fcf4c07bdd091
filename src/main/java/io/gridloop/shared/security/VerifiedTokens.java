package io.gridloop.shared.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;

import io.gridloop.shared.cache.Caches;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Bearer tokens are verified once per token, not once per request: a client sends the same token
 * for up to an hour, and checking its RS256 signature and claims each time cost 5–6 % of the
 * service's CPU on a light request ({@code GET /api/v1/me}, measured side by side with and without
 * this class; docs/benchmarks.md). A token that verified is kept by
 * its exact text until its {@code exp} by the injected clock, among a bounded number (past it the
 * least used go first); one that failed is never kept, so a bad token is checked, and
 * refused, every time. Roles and scope are still read from the database on every request
 * ({@link Caller}), so keeping a token changes nothing about what it may do.
 */
@Alternative
@Priority(1)
@Singleton
public class VerifiedTokens implements JWTParser {

    /** Tokens kept at most. */
    private static final int MAX_TOKENS = 20_000;

    private final DefaultJWTParser parser;
    private final Clock clock;
    private final Cache<String, JsonWebToken> verified;

    VerifiedTokens(DefaultJWTParser parser, Clock clock) {
        this.parser = parser;
        this.clock = clock;
        this.verified = Caches.bounded(MAX_TOKENS, clock)
                .expireAfter(Expiry.creating((String token, JsonWebToken jwt) -> lifeLeft(jwt)))
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JsonWebToken jwt = parser.parse(token);
        if (lifeLeft(jwt).compareTo(Duration.ZERO) > 0) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** How long until the token's {@code exp}, by the clock every rule reads. */
    private Duration lifeLeft(JsonWebToken jwt) {
        return Duration.between(clock.instant(), Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
