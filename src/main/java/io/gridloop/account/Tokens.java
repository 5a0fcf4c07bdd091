package io.gridloop.account;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.gridloop.account.AccountViews.TokenView;
import io.smallrye.jwt.build.Jwt;

/** Issues the RS256 access tokens: the account id as subject, its roles as groups. */
@ApplicationScoped
class Tokens {

    private final long lifespanSeconds;
    private final String issuer;

    Tokens(@ConfigProperty(name = "smallrye.jwt.new-token.lifespan") long lifespanSeconds,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.lifespanSeconds = lifespanSeconds;
        this.issuer = issuer;
    }

    TokenView issue(Account account) {
        Set<String> roles = account.roles.stream().map(b -> b.role.name()).collect(Collectors.toSet());
        String token = Jwt.issuer(issuer)
                .subject(account.id.toString())
                .upn(account.id.toString())
                .preferredUserName(account.username)
                .groups(roles)
                .expiresIn(lifespanSeconds)
                .sign();
        return new TokenView(token, "Bearer", lifespanSeconds, AccountViews.of(account, true));
    }
}
