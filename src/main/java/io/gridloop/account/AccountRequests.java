package io.gridloop.account;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.shared.security.Role;

final class AccountRequests {

    private AccountRequests() {
    }

    record Login(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
    }

    record WeChatLogin(@NotBlank @Size(max = 128) @Pattern(regexp = "^[\\x21-\\x7E]+$") String code) {
    }

    record RoleRequest(@NotNull Role role, Long regionId, Long unitId) {
    }

    record CreateAccount(
            @NotBlank @Pattern(regexp = "^[A-Za-z0-9_.-]{3,64}$") String username,
            @NotBlank @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String password,
            @NotBlank @Size(max = 50) @Pattern(regexp = "^[^\\p{Cntrl}]*$") String name,
            @Pattern(regexp = "^1[3-9][0-9]{9}$") String phone,
            @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull RoleRequest> roles,
            @Schema(description = "whether the person must choose their own password at first sign-in; "
                    + "default true, since the administrator knows this one", nullable = true) Boolean mustChangePassword) {
    }

    record ChangePassword(@NotBlank @Size(max = Passwords.MAX_LENGTH) String currentPassword,
            @NotBlank @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String newPassword) {
    }

    /** What the district admin may change of an account; the username and password stay. */
    record UpdateAccount(
            @NotBlank @Size(max = 50) @Pattern(regexp = "^[^\\p{Cntrl}]*$") String name,
            @Pattern(regexp = "^1[3-9][0-9]{9}$") String phone,
            @NotNull Boolean enabled,
            @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull RoleRequest> roles) {
    }
}
