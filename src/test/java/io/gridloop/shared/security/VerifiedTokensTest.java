package io.gridloop.shared.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import jakarta.enterprise.inject.Vetoed;

import org.junit.jupiter.api.Test;

import io.gridloop.support.TestClock;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;

/** A verified token is kept until its exp as the injected clock tells it; plain JUnit, no signature involved. */
class VerifiedTokensTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-02T09:00:00+08:00");

    @Test
    void a_token_is_verified_once_until_the_clock_passes_its_expiry() throws Exception {
        TestClock clock = new TestClock();
        clock.set(NOW);
        CountingParser parser = new CountingParser(NOW.plusMinutes(10).toEpochSecond());
        VerifiedTokens tokens = new VerifiedTokens(parser, clock);

        JsonWebToken first = tokens.parse("token");
        clock.advance(Duration.ofMinutes(9));
        assertSame(first, tokens.parse("token"));
        assertEquals(1, parser.parsed);

        clock.advance(Duration.ofMinutes(1));
        tokens.parse("token");
        assertEquals(2, parser.parsed);
    }

    @Test
    void a_token_already_expired_by_the_clock_is_not_kept() throws Exception {
        TestClock clock = new TestClock();
        clock.set(NOW);
        CountingParser parser = new CountingParser(NOW.minusSeconds(1).toEpochSecond());
        VerifiedTokens tokens = new VerifiedTokens(parser, clock);

        tokens.parse("token");
        tokens.parse("token");
        assertEquals(2, parser.parsed);
    }

    /** Answers every token with one that expires at {@code exp}, counting the calls. */
    @Vetoed // not a bean of the Quarkus tests: its superclass is one
    private static final class CountingParser extends DefaultJWTParser {

        private final long exp;
        int parsed;

        CountingParser(long exp) {
            this.exp = exp;
        }

        @Override
        public JsonWebToken parse(String token) {
            parsed++;
            return new JsonWebToken() {
                @Override
                public String getName() {
                    return token;
                }

                @Override
                public Set<String> getClaimNames() {
                    return Set.of("exp");
                }

                @SuppressWarnings("unchecked")
                @Override
                public <T> T getClaim(String claimName) {
                    return "exp".equals(claimName) ? (T) Long.valueOf(exp) : null;
                }
            };
        }
    }
}
