package dev.eventcommerce.user.web;

import dev.eventcommerce.user.credentials.Credentials;
import dev.eventcommerce.user.credentials.Usernames;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Request bodies of the user API. The sizes are checked here; what a new username or password must
 * further be ({@link Usernames}, {@link dev.eventcommerce.user.credentials.PasswordPolicy}) by
 * {@link CredentialRules}.
 */
final class UserRequests {

    private UserRequests() {
    }

    record Register(
            @NotBlank @Size(max = Usernames.MAX_LENGTH) String username,
            @NotNull @Size(max = Credentials.MAX_PASSWORD_BYTES) String password) {

        @AssertTrue(message = "password must be at most 72 bytes")
        public boolean isPasswordWithinBcryptLimit() {
            return password == null || Credentials.fitsBcrypt(password);
        }
    }

    record ChangePassword(
            @NotNull String currentPassword,
            @NotNull @Size(max = Credentials.MAX_PASSWORD_BYTES) String newPassword) {

        @AssertTrue(message = "new_password must be at most 72 bytes")
        public boolean isNewPasswordWithinBcryptLimit() {
            return newPassword == null || Credentials.fitsBcrypt(newPassword);
        }
    }

    record ValidateToken(@NotNull String token) {
    }
}
