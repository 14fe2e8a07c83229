package dev.eventcommerce.user.credentials;

import dev.eventcommerce.user.api.UsernameTakenException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Usernames and password hashes, kept beside the event stream rather than in it: a hash is a credential
 * and must not sit in an immutable log. Rows are written in the transaction that appends the user's
 * event, so the unique username constraint decides concurrent registrations (exactly one wins) and a
 * login right after registering finds the account.
 */
public class Credentials {

    /** bcrypt reads at most 72 bytes; a longer password is refused rather than silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final String unknownUserHash;

    public Credentials(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.unknownUserHash = encoder.encode("no such user: equalises the time of a failed login");
    }

    /** Claims the username for the user and stores the password's hash; throws if the name is taken. */
    public void register(long userId, String username, String password) {
        int inserted = jdbc.sql("""
                        INSERT INTO user_credentials (user_id, username, password_hash) VALUES (?, ?, ?)
                        ON CONFLICT (username) DO NOTHING""")
                .params(userId, username, encoder.encode(password))
                .update();
        if (inserted == 0) {
            throw new UsernameTakenException(username);
        }
    }

    public boolean exists(String username) {
        return jdbc.sql("SELECT count(*) FROM user_credentials WHERE username = ?")
                .param(username).query(Long.class).single() > 0;
    }

    public boolean matches(long userId, String password) {
        return jdbc.sql("SELECT password_hash FROM user_credentials WHERE user_id = ?")
                .param(userId)
                .query(String.class)
                .optional()
                .filter(hash -> fitsBcrypt(password) && encoder.matches(password, hash))
                .isPresent();
    }

    public void changePassword(long userId, String newPassword) {
        jdbc.sql("UPDATE user_credentials SET password_hash = ?, updated_at = now() WHERE user_id = ?")
                .params(encoder.encode(newPassword), userId)
                .update();
    }

    /**
     * The id of the user with this username and password. An unknown username costs the same bcrypt
     * check as a wrong password, so the answer's timing does not tell which usernames exist.
     */
    public Optional<Long> authenticate(String username, String password) {
        Optional<StoredCredential> stored = jdbc.sql(
                        "SELECT user_id, password_hash FROM user_credentials WHERE username = ?")
                .param(username)
                .query((rs, row) -> new StoredCredential(rs.getLong(1), rs.getString(2)))
                .optional();
        String hash = stored.map(StoredCredential::passwordHash).orElse(unknownUserHash);
        boolean matches = fitsBcrypt(password) && encoder.matches(password, hash);
        return stored.filter(credential -> matches).map(StoredCredential::userId);
    }

    public static boolean fitsBcrypt(String password) {
        return password != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
    }

    private record StoredCredential(long userId, String passwordHash) {
    }
}
