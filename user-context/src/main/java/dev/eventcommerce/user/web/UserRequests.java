package dev.eventcommerce.user.web;

import dev.eventcommerce.user.credentials.Credentials;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the user API, validated with the seed's rules. */
final class UserRequests {

    private UserRequests() {
    }

    record Register(
            @NotBlank @Size(min = 3, max = 50)
            @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
            String username,
            @NotNull @Size(min = 6, max = 72) String password) {

        @AssertTrue(message = "password must be at most 72 bytes")
        public boolean isPasswordWithinBcryptLimit() {
            return password == null || Credentials.fitsBcrypt(password);
        }
    }

    record ChangePassword(
            @NotNull String currentPassword,
            @NotNull @Size(min = 6, max = 72) String newPassword) {

        @AssertTrue(message = "new_password must be at most 72 bytes")
        public boolean isNewPasswordWithinBcryptLimit() {
            return newPassword == null || Credentials.fitsBcrypt(newPassword);
        }
    }

    record ValidateToken(@NotNull String token) {
    }
}
