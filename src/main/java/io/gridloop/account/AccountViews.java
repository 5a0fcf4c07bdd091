package io.gridloop.account;

import java.util.List;

import io.gridloop.shared.security.Role;

/** Accounts as clients see them: the phone masked unless it is the caller's own. */
final class AccountViews {

    private AccountViews() {
    }

    record RoleView(Role role, Long regionId, Long unitId) {
    }

    record AccountView(Long id, String username, String name, String phone, long districtId, boolean enabled,
            List<RoleView> roles, long version) {
    }

    record TokenView(String accessToken, String tokenType, long expiresIn, AccountView account) {
    }

    record RegionRef(Long id, String name, String type) {
    }

    record MeView(AccountView account, List<Role> roles, List<RegionRef> regions) {
    }

    static AccountView of(Account account, boolean own) {
        return new AccountView(account.id, account.username, account.name,
                own ? account.phone : maskPhone(account.phone), account.districtId, account.enabled,
                account.roles.stream().map(b -> new RoleView(b.role, b.regionId, b.unitId)).toList(),
                account.version);
    }

    /** 13812345678 → 138****5678; anything shorter keeps only its last two characters. */
    static String maskPhone(String phone) {
        if (phone == null || phone.isEmpty()) {
            return phone;
        }
        if (phone.length() >= 11) {
            return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
        }
        return "*".repeat(Math.max(0, phone.length() - 2)) + phone.substring(Math.max(0, phone.length() - 2));
    }
}
