package io.gridloop.account;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.ReadOnlyFields;
import io.gridloop.shared.web.SafeText;

final class AccountRequests {

    private AccountRequests() {
    }

    record Login(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
    }

    record WeChatLogin(@NotBlank @Size(max = 128) @Pattern(regexp = "^[\\x21-\\x7E]+$") String code) {
    }

    record RoleRequest(@NotNull Role role, @Schema(nullable = true) Long regionId, @Schema(nullable = true) Long unitId) {
    }

    record CreateAccount(
            @NotBlank @Pattern(regexp = "^[A-Za-z0-9_.-]{3,64}$") String username,
            @NotBlank @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String password,
            @NotBlank @Size(max = 50) @Pattern(regexp = SafeText.LINE) String name,
            @Schema(nullable = true) @Pattern(regexp = "^1[3-9][0-9]{9}$") String phone,
            @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull RoleRequest> roles,
            @Schema(description = "whether the person must choose their own password at first sign-in; "
                    + "default true, since the administrator knows this one", nullable = true) Boolean mustChangePassword) {
    }

    record ChangePassword(@NotBlank @Size(max = Passwords.MAX_LENGTH) String currentPassword,
            @NotBlank @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String newPassword) {
    }

    /**
     * What the district admin may change of an account; the username and password stay. The account as
     * read with GET may be sent back: its read-only fields must be unchanged, and so must a masked phone.
     */
    record UpdateAccount(
            @NotBlank @Size(max = 50) @Pattern(regexp = SafeText.LINE) String name,
            @Schema(nullable = true, description = "a new phone, or the masked one (138****5678) as read, which keeps it")
            @Pattern(regexp = "^1[3-9][0-9]([0-9]{4}|[*]{4})[0-9]{4}$") String phone,
            @NotNull Boolean enabled,
            @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull RoleRequest> roles,
            @Schema(description = ReadOnlyFields.ECHOED) Long id, @Schema(description = ReadOnlyFields.ECHOED) String username,
            @Schema(description = ReadOnlyFields.ECHOED) Long districtId, @Schema(description = ReadOnlyFields.ECHOED) Long version,
            @Schema(description = ReadOnlyFields.ECHOED) Boolean mustChangePassword) {
    }
}
