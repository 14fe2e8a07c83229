package dev.eventcommerce.user.credentials;

import dev.eventcommerce.user.api.UsernameTakenException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * {@link Credentials} in user_db's {@code user_credentials} table, hashed with bcrypt. Rows are written
 * in the transaction that appends the user's event (Axon's unit of work runs in a Spring transaction),
 * so the unique constraints on the username and its canonical form decide concurrent registrations, and
 * a login right after registering finds the account.
 */
class JdbcCredentials implements Credentials {

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Bulkhead bcrypt;
    private final Clock clock;
    private final String unknownUserHash;

    JdbcCredentials(JdbcClient jdbc, PasswordEncoder encoder, Bulkhead bcrypt, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.bcrypt = bcrypt;
        this.clock = clock;
        this.unknownUserHash = encoder.encode("no such user: equalises the time of a failed login");
    }

    @Override
    public String hash(String password) {
        return slowly(() -> encoder.encode(password));
    }

    @Override
    public void register(long userId, String username, String passwordHash) {
        int inserted = jdbc.sql("""
                        INSERT INTO user_credentials (user_id, username, canonical_username, password_hash)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(userId, username, Usernames.canonical(username), passwordHash)
                .update();
        if (inserted == 0) {
            throw new UsernameTakenException(username);
        }
    }

    @Override
    public boolean exists(String username) {
        return jdbc.sql("SELECT count(*) FROM user_credentials WHERE username = ? OR canonical_username = ?")
                .params(username, Usernames.canonical(username)).query(Long.class).single() > 0;
    }

    @Override
    public Optional<Long> userId(String username) {
        return jdbc.sql("SELECT user_id FROM user_credentials WHERE username = ?").param(username)
                .query(Long.class).optional();
    }

    @Override
    public boolean matches(long userId, String password) {
        Optional<String> hash = jdbc.sql("SELECT password_hash FROM user_credentials WHERE user_id = ?")
                .param(userId)
                .query(String.class)
                .optional();
        return hash.isPresent() && Credentials.fitsBcrypt(password) && slowly(() -> encoder.matches(password, hash.get()));
    }

    @Override
    public Instant changePassword(long userId, String newPasswordHash) {
        // PostgreSQL keeps microseconds: the instant returned is the one stored
        Instant changedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                        UPDATE user_credentials SET password_hash = ?, password_changed_at = ?, updated_at = now()
                        WHERE user_id = ?""")
                .params(newPasswordHash, Timestamp.from(changedAt), userId)
                .update();
        return changedAt;
    }

    /**
     * An unknown username costs the same bcrypt check as a wrong password: timing tells no names. The exact
     * name is preferred over a canonical match (accounts from before names were compared without case may
     * share a canonical form).
     */
    @Override
    public Optional<Login> authenticate(String username, String password) {
        Optional<StoredCredential> stored = jdbc.sql("""
                        SELECT user_id, password_hash, password_changed_at FROM user_credentials
                        WHERE username = ? OR canonical_username = ?
                        ORDER BY (username = ?) DESC LIMIT 1""")
                .params(username, Usernames.canonical(username), username)
                .query((rs, row) -> new StoredCredential(rs.getLong(1), rs.getString(2),
                        Optional.ofNullable(rs.getTimestamp(3)).map(Timestamp::toInstant)))
                .optional();
        String hash = stored.map(StoredCredential::passwordHash).orElse(unknownUserHash);
        boolean matches = Credentials.fitsBcrypt(password) && slowly(() -> encoder.matches(password, hash));
        return stored.filter(credential -> matches)
                .map(credential -> new Login(credential.userId(), credential.passwordChangedAt()));
    }

    @Override
    public Map<Long, Instant> passwordChangesSince(Instant since) {
        return jdbc.sql("SELECT user_id, password_changed_at FROM user_credentials WHERE password_changed_at >= ?")
                .param(Timestamp.from(since))
                .query((rs, row) -> Map.entry(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public Optional<Instant> passwordChangedAt(long userId) {
        return jdbc.sql("SELECT password_changed_at FROM user_credentials WHERE user_id = ? AND password_changed_at IS NOT NULL")
                .param(userId)
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    private <T> T slowly(Supplier<T> work) {
        try {
            return bcrypt.executeSupplier(work);
        } catch (BulkheadFullException e) {
            throw new PasswordHashingBusyException();
        }
    }

    private record StoredCredential(long userId, String passwordHash, Optional<Instant> passwordChangedAt) {
    }
}
