package dev.eventcommerce.user.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.operations.ProcessorOperations;
import dev.eventcommerce.platform.testing.Replays;
import dev.eventcommerce.user.api.ChangePassword;
import dev.eventcommerce.user.api.DeactivateUser;
import dev.eventcommerce.user.api.RegisterUser;
import dev.eventcommerce.user.api.UserView;
import dev.eventcommerce.user.credentials.Credentials;
import dev.eventcommerce.user.web.UserServiceTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A replay rebuilds the users table exactly, across registrations, password changes and deactivations. */
@UserServiceTest
class UserReplayIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("eventcommerce.users.admin-password", () -> "");
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    ProcessorOperations operations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Credentials credentials;

    @Test
    void aReplayRebuildsTheUsersTableExactly() throws Exception {
        List<Long> ids = registerUsers(120);
        for (int i = 0; i < ids.size(); i += 4) {
            commands.sendAndWait(new ChangePassword(ids.get(i), "password-" + i, credentials.hash("new-password-" + i)));
        }
        for (int i = 1; i < ids.size(); i += 8) {
            commands.sendAndWait(new DeactivateUser(ids.get(i), ids.get(0)));
        }
        operations.replayAndAwait(UserView.PROJECTION, Duration.ofSeconds(60));
        String before = Replays.checksum(jdbc, "users", "id");
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE NOT is_active").query(Long.class).single()).isEqualTo(15);
        jdbc.sql("UPDATE users SET is_active = TRUE, updated_at = now()").update();

        operations.replayAndAwait(UserView.PROJECTION, Duration.ofSeconds(60));

        assertThat(Replays.checksum(jdbc, "users", "id")).as("rebuilt exactly").isEqualTo(before);
    }

    /** Users replay_0 to replay_{count - 1}; every tenth an admin too. */
    private List<Long> registerUsers(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> commands.<Long>sendAndWait(new RegisterUser("replay_" + i,
                        credentials.hash("password-" + i), i % 10 == 0 ? Set.of("admin", "user") : Set.of("user"))))
                .toList();
    }
}
