package dev.eventcommerce.user.web;

import dev.eventcommerce.user.api.UserView;
import java.time.Instant;
import java.util.Set;

/** Response bodies of the user API, in the seed's snake_case shapes (no password, no hash). */
final class UserResponses {

    private UserResponses() {
    }

    record User(long id, String username, boolean isActive, Set<String> roles, Instant createdAt, Instant updatedAt) {

        static User of(UserView view) {
            return new User(view.id(), view.username(), view.active(), view.roles(), view.createdAt(),
                    view.updatedAt());
        }
    }

    record Token(String accessToken, String tokenType, long expiresIn) {
    }

    record TokenValidation(boolean valid, Long userId, String username, String message) {

        static TokenValidation invalid(String message) {
            return new TokenValidation(false, null, null, message);
        }
    }
}
