package io.gridloop.account;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;

/** Passwords are kept as bcrypt hashes: slow on purpose. A password is 8 to 128 characters. */
@ApplicationScoped
class Passwords {

    static final int MIN_LENGTH = 8;
    /** The limit keeps requests small; bcrypt itself reads at most 72 bytes of the UTF-8 form. */
    static final int MAX_LENGTH = 128;
    /**
     * A password longer than bcrypt's 72 bytes (24 Chinese characters) counts by its first 72, as every
     * bcrypt does (htpasswd's hashes in an import included); the library's default refuses it with an
     * exception instead.
     */
    private static final LongPasswordStrategy FIRST_72_BYTES = LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A);

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
        return BCrypt.with(BCrypt.Version.VERSION_2A, FIRST_72_BYTES).hashToString(cost, password.toCharArray());
    }

    boolean matches(String password, String hash) {
        return BCrypt.verifyer(null, FIRST_72_BYTES).verify(password.getBytes(StandardCharsets.UTF_8),
                (hash == null ? decoy : hash).getBytes(StandardCharsets.UTF_8)).verified && hash != null;
    }
}
