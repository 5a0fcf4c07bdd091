package io.gridloop.account;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.shared.privacy.PersonalData;
import io.gridloop.shared.security.Role;

/** Accounts as clients see them: the phone masked unless it is the caller's own. */
final class AccountViews {

    private AccountViews() {
    }

    record RoleView(Role role, @Schema(nullable = true) Long regionId, @Schema(nullable = true) Long unitId) {
    }

    record AccountView(Long id, String username, String name,
            @Schema(nullable = true, description = "masked (138****5678) unless it is the caller's own") String phone, long districtId, boolean enabled,
            @Schema(description = "the password was chosen by someone else: until it is changed (POST /api/v1/me/password) "
                    + "every other request answers 403 password-change-required") boolean mustChangePassword,
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
                own ? account.phone : PersonalData.maskedPhone(account.phone), account.districtId, account.enabled,
                account.mustChangePassword,
                account.roles.stream().map(b -> new RoleView(b.role, b.regionId, b.unitId)).toList(),
                account.version);
    }
}
