package dev.eventcommerce.user.query;

import dev.eventcommerce.platform.auth.TokenRevocations;
import dev.eventcommerce.user.api.FindUserById;
import dev.eventcommerce.user.api.FindUserByUsername;
import dev.eventcommerce.user.api.PasswordChanged;
import dev.eventcommerce.user.api.UserDeactivated;
import dev.eventcommerce.user.api.UserRegistered;
import dev.eventcommerce.user.api.UserView;
import dev.eventcommerce.user.credentials.Credentials;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code users} read model: one row per user, with timestamps taken from the events so that a
 * replay rebuilds the table exactly. Handlers are idempotent (a re-delivered event leaves the row as it
 * was). A deactivation, and a password change, is also published to the shared token revocations, which
 * every service reads: the user's tokens from before it stop working.
 */
@Component
@ProcessingGroup(UserProjection.PROCESSOR)
class UserProjection {

    static final String PROCESSOR = UserView.PROJECTION;

    private final JdbcClient jdbc;
    private final TokenRevocations revocations;
    private final Credentials credentials;

    UserProjection(JdbcClient jdbc, TokenRevocations revocations, Credentials credentials) {
        this.jdbc = jdbc;
        this.revocations = revocations;
        this.credentials = credentials;
    }

    @EventHandler
    void on(UserRegistered event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO users (id, username, is_active, roles, created_at, updated_at)
                        VALUES (?, ?, TRUE, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.userId(), event.username(), String.join(",", new TreeSet<>(event.roles())),
                        Timestamp.from(at), Timestamp.from(at))
                .update();
    }

    @EventHandler
    void on(PasswordChanged event, @org.axonframework.eventhandling.Timestamp Instant at) {
        touch(event.userId(), at);
        // the instant stored with the new hash, which logins date their new tokens after
        credentials.passwordChangedAt(event.userId()).ifPresent(changedAt ->
                revocations.revoke(Map.of(event.userId(), TokenRevocations.validFromAfter(changedAt))));
    }

    @EventHandler
    void on(UserDeactivated event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("UPDATE users SET is_active = FALSE, updated_at = ? WHERE id = ?")
                .params(Timestamp.from(at), event.userId())
                .update();
        revocations.revoke(Map.of(event.userId(), TokenRevocations.FOREVER));
    }

    @ResetHandler
    void reset() {
        // TRUNCATE, not DELETE: instant, and the rebuild does not wade through a table of dead rows
        jdbc.sql("TRUNCATE users").update();
    }

    @QueryHandler
    Optional<UserView> handle(FindUserById query) {
        return jdbc.sql("SELECT * FROM users WHERE id = ?").param(query.userId()).query(UserProjection::view).optional();
    }

    @QueryHandler
    Optional<UserView> handle(FindUserByUsername query) {
        return jdbc.sql("SELECT * FROM users WHERE username = ?").param(query.username())
                .query(UserProjection::view).optional();
    }

    private void touch(long userId, Instant at) {
        jdbc.sql("UPDATE users SET updated_at = ? WHERE id = ?").params(Timestamp.from(at), userId).update();
    }

    private static UserView view(ResultSet rs, int row) throws SQLException {
        return new UserView(rs.getLong("id"), rs.getString("username"), rs.getBoolean("is_active"),
                Set.copyOf(Arrays.asList(rs.getString("roles").split(","))),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
