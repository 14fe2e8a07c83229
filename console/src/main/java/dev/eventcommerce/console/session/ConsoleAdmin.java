package dev.eventcommerce.console.session;

import java.io.Serializable;
import java.time.Instant;

/**
 * The administrator logged in to the console: the principal of the server-side session, holding the access token
 * the console calls the services with. The token never leaves the server (nor any log: see {@link #toString()}).
 *
 * @param userId    the admin's user id
 * @param username  the admin's name
 * @param expiresAt when the token, and so the session, ends
 */
public record ConsoleAdmin(long userId, String username, String accessToken, Instant expiresAt)
        implements Serializable {

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "ConsoleAdmin[userId=" + userId + ", username=" + username + ", expiresAt=" + expiresAt + "]";
    }
}
