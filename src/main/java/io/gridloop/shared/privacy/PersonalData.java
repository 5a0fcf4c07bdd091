package io.gridloop.shared.privacy;

/**
 * Phone numbers are personal information (SPEC §1.2): shown masked to everyone but their owner and
 * the staff handling the matter. Every time one is shown unmasked to someone else, the feature that
 * shows it records the read in the audit ({@code io.gridloop.audit.Audit#personalDataShown}).
 */
public final class PersonalData {

    private PersonalData() {
    }

    /** 13812345678 → 138****5678; anything shorter than 11 characters keeps only its last two. */
    public static String maskedPhone(String phone) {
        if (phone == null || phone.isEmpty()) {
            return phone;
        }
        if (phone.length() >= 11) {
            return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
        }
        return "*".repeat(Math.max(0, phone.length() - 2)) + phone.substring(Math.max(0, phone.length() - 2));
    }
}
