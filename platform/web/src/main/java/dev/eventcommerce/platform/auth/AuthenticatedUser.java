package dev.eventcommerce.platform.auth;

import java.time.Instant;
import java.util.Set;

/**
 * The caller, as its verified access token says: the principal of every authenticated request.
 *
 * @param userId    the user's integer id
 * @param username  the user's name at the time the token was issued
 * @param roles     lower-case role names, e.g. {@code user}, {@code admin}
 * @param issuedAt  when the token was issued (a password change revokes the tokens issued before it)
 * @param expiresAt when the token stops being accepted
 */
public record AuthenticatedUser(long userId, String username, Set<String> roles, Instant issuedAt, Instant expiresAt) {

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    public AuthenticatedUser {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ROLE_ADMIN);
    }
}
