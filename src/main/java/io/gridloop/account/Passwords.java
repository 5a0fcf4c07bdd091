package io.gridloop.account;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import at.favre.lib.crypto.bcrypt.BCrypt;

/** Passwords are kept as bcrypt hashes: slow on purpose. A password is 8 to 128 characters. */
@ApplicationScoped
class Passwords {

    static final int MIN_LENGTH = 8;
    /** bcrypt reads at most 72 bytes; the limit only keeps requests small. */
    static final int MAX_LENGTH = 128;

    private final int cost;
    /** Checked when the username is unknown, so a wrong name takes as long as a wrong password. */
    private final String decoy;

    @jakarta.inject.Inject
    Passwords(AuthConfig config) {
        this(config.bcryptCost());
    }

    Passwords(int cost) {
        this.cost = cost;
        this.decoy = hash("not-a-password");
    }

    String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    boolean matches(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                (hash == null ? decoy : hash).getBytes(StandardCharsets.UTF_8)).verified && hash != null;
    }
}
