package dev.eventcommerce.user.credentials;

import dev.eventcommerce.user.api.UsernameTakenException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * {@link Credentials} in user_db's {@code user_credentials} table, hashed with bcrypt. Rows are written
 * in the transaction that appends the user's event (Axon's unit of work runs in a Spring transaction),
 * so the unique username constraint decides concurrent registrations and a login right after
 * registering finds the account.
 */
class JdbcCredentials implements Credentials {

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final String unknownUserHash;

    JdbcCredentials(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.unknownUserHash = encoder.encode("no such user: equalises the time of a failed login");
    }

    @Override
    public String hash(String password) {
        return encoder.encode(password);
    }

    @Override
    public void register(long userId, String username, String passwordHash) {
        int inserted = jdbc.sql("""
                        INSERT INTO user_credentials (user_id, username, password_hash) VALUES (?, ?, ?)
                        ON CONFLICT (username) DO NOTHING""")
                .params(userId, username, passwordHash)
                .update();
        if (inserted == 0) {
            throw new UsernameTakenException(username);
        }
    }

    @Override
    public boolean exists(String username) {
        return jdbc.sql("SELECT count(*) FROM user_credentials WHERE username = ?")
                .param(username).query(Long.class).single() > 0;
    }

    @Override
    public boolean matches(long userId, String password) {
        return jdbc.sql("SELECT password_hash FROM user_credentials WHERE user_id = ?")
                .param(userId)
                .query(String.class)
                .optional()
                .filter(hash -> Credentials.fitsBcrypt(password) && encoder.matches(password, hash))
                .isPresent();
    }

    @Override
    public void changePassword(long userId, String newPasswordHash) {
        jdbc.sql("UPDATE user_credentials SET password_hash = ?, updated_at = now() WHERE user_id = ?")
                .params(newPasswordHash, userId)
                .update();
    }

    /** An unknown username costs the same bcrypt check as a wrong password: timing tells no names. */
    @Override
    public Optional<Long> authenticate(String username, String password) {
        Optional<StoredCredential> stored = jdbc.sql(
                        "SELECT user_id, password_hash FROM user_credentials WHERE username = ?")
                .param(username)
                .query((rs, row) -> new StoredCredential(rs.getLong(1), rs.getString(2)))
                .optional();
        String hash = stored.map(StoredCredential::passwordHash).orElse(unknownUserHash);
        boolean matches = Credentials.fitsBcrypt(password) && encoder.matches(password, hash);
        return stored.filter(credential -> matches).map(StoredCredential::userId);
    }

    private record StoredCredential(long userId, String passwordHash) {
    }
}
