package io.gridloop.shared.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Phones shown masked (SPEC §1.2: 138****5678), on the rule alone: TicketPrivacyTest covers who sees what. */
class PhoneMaskingTest {

    @Test
    void a_mobile_number_keeps_its_first_three_and_last_four_digits() {
        assertEquals("138****5678", PersonalData.maskedPhone("13812345678"));
    }

    @ParameterizedTest
    @CsvSource({
            "+8613812345678, +86****5678",
            "0571-88886666, 057****6666",
            "057188886666, 057****6666" })
    void a_longer_number_keeps_only_its_first_three_and_last_four_characters(String phone, String masked) {
        assertEquals(masked, PersonalData.maskedPhone(phone));
    }

    @ParameterizedTest
    @CsvSource({
            "0571888888, ********88",
            "12345, ***45",
            "12, 12",
            "7, 7" })
    void a_number_shorter_than_a_mobile_one_shows_only_its_last_two(String phone, String masked) {
        assertEquals(masked, PersonalData.maskedPhone(phone));
    }

    @Test
    void no_number_stays_no_number() {
        assertNull(PersonalData.maskedPhone(null));
        assertEquals("", PersonalData.maskedPhone(""));
    }

    @Test
    void the_middle_digits_of_a_mobile_number_never_show() {
        String masked = PersonalData.maskedPhone("13912345678");

        assertEquals(11, masked.length());
        assertFalse(masked.contains("1234"), masked);
    }
}
