package dev.eventcommerce.user.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Usernames and password hashes, kept beside the event stream rather than in it: a hash is a credential
 * and must not sit in an immutable log. Registration claims the username here, so usernames are unique.
 */
public interface Credentials {

    /** bcrypt reads at most 72 bytes; a longer password is refused rather than silently truncated. */
    int MAX_PASSWORD_BYTES = 72;

    /** The password's bcrypt hash: slow on purpose, so computed before a command, not inside its transaction. */
    String hash(String password);

    /**
     * Claims the username for the user and stores the password's hash.
     *
     * @throws dev.eventcommerce.user.api.UsernameTakenException if another user has the name
     */
    void register(long userId, String username, String passwordHash);

    boolean exists(String username);

    boolean matches(long userId, String password);

    void changePassword(long userId, String newPasswordHash);

    /** The id of the user with this username and password, if both are right. */
    Optional<Long> authenticate(String username, String password);

    static boolean fitsBcrypt(String password) {
        return password != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
    }
}
