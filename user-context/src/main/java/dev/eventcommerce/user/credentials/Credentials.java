package dev.eventcommerce.user.credentials;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Usernames and password hashes, kept beside the event stream rather than in it: a hash is a credential
 * and must not sit in an immutable log. Registration claims the username here, so usernames are unique
 * (by {@link Usernames#canonical canonical form}). Every bcrypt computation runs behind a bulkhead of
 * about the number of cores: when it is full, {@link PasswordHashingBusyException}.
 */
public interface Credentials {

    /** bcrypt reads at most 72 bytes; a longer password is refused rather than silently truncated. */
    int MAX_PASSWORD_BYTES = 72;

    /** The password's bcrypt hash: slow on purpose, so computed before a command, not inside its transaction. */
    String hash(String password);

    /**
     * Claims the username (stored as given, which must be {@link Usernames#normalize normalized}) for the
     * user and stores the password's hash.
     *
     * @throws dev.eventcommerce.user.api.UsernameTakenException if another user has the name, in any case
     */
    void register(long userId, String username, String passwordHash);

    boolean exists(String username);

    /** The id of the user with exactly this username. */
    Optional<Long> userId(String username);

    boolean matches(long userId, String password);

    /** Stores the new hash and returns the instant of the change, before which the user's tokens are revoked. */
    Instant changePassword(long userId, String newPasswordHash);

    /** The user with this username (its exact or canonical form) and password, if both are right. */
    Optional<Login> authenticate(String username, String password);

    /** The last password change of each user since this instant. */
    Map<Long, Instant> passwordChangesSince(Instant since);

    Optional<Instant> passwordChangedAt(long userId);

    static boolean fitsBcrypt(String password) {
        return password != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
    }

    /** A successful check of a password: who it is, and when its password last changed (if ever). */
    record Login(long userId, Optional<Instant> passwordChangedAt) {
    }
}
