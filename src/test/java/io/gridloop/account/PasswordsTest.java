package io.gridloop.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import at.favre.lib.crypto.bcrypt.BCrypt;

/** Password hashes without Quarkus, and the cost that tests may lower and production may not. */
class PasswordsTest {

    private final Passwords passwords = new Passwords(4);

    @Test
    void a_password_matches_its_own_hash_only() {
        String hash = passwords.hash("correct-horse-9");

        assertTrue(passwords.matches("correct-horse-9", hash));
        assertFalse(passwords.matches("correct-horse-8", hash));
        assertNotEquals(hash, passwords.hash("correct-horse-9"), "salted: the same password hashes differently");
    }

    /** Found by the fuzzer: a 100-character Chinese password made bcrypt throw, a 500 on sign-in and password change. */
    @Test
    void a_password_longer_than_bcrypts_72_bytes_counts_by_its_first_72_as_in_every_bcrypt() {
        String long1 = "网格".repeat(50);
        String hash = passwords.hash(long1);

        assertTrue(passwords.matches(long1, hash));
        assertTrue(passwords.matches("网格".repeat(12) + "其后不计", hash), "bytes after the 72nd do not count");
        assertFalse(passwords.matches("网格".repeat(11), hash));
        assertFalse(passwords.matches(long1, passwords.hash("correct-horse-9")));
    }

    @Test
    void hashes_of_the_other_bcrypt_versions_an_import_may_carry_match_too() {
        for (BCrypt.Version version : new BCrypt.Version[] { BCrypt.Version.VERSION_2B, BCrypt.Version.VERSION_2Y }) {
            String hash = BCrypt.with(version).hashToString(4, "correct-horse-9".toCharArray());

            assertTrue(passwords.matches("correct-horse-9", hash), hash);
            assertFalse(passwords.matches("correct-horse-8", hash), hash);
        }
    }

    @Test
    void an_unknown_username_never_matches_though_its_check_runs() {
        assertFalse(passwords.matches("not-a-password", null));
    }

    @Test
    void the_hash_carries_its_cost_so_hashes_made_at_another_cost_still_match() {
        String cheap = passwords.hash("gridloop");
        String dear = new Passwords(10).hash("gridloop");

        assertTrue(cheap.startsWith("$2a$04$"), cheap);
        assertTrue(dear.startsWith("$2a$10$"), dear);
        assertTrue(passwords.matches("gridloop", dear));
    }

    @Test
    void only_the_test_profile_lowers_the_bcrypt_cost() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }

        assertEquals("4", properties.getProperty("%test.gridloop.auth.bcrypt-cost"));
        properties.stringPropertyNames().stream().filter(name -> name.endsWith("gridloop.auth.bcrypt-cost"))
                .forEach(name -> assertEquals("%test.gridloop.auth.bcrypt-cost", name, "the cost is lowered only for tests"));
    }
}
