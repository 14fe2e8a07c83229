package dev.eventcommerce.user.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.user.api.ChangePassword;
import dev.eventcommerce.user.api.DeactivateUser;
import dev.eventcommerce.user.api.IncorrectPasswordException;
import dev.eventcommerce.user.api.PasswordChanged;
import dev.eventcommerce.user.api.RegisterUser;
import dev.eventcommerce.user.api.ResetPassword;
import dev.eventcommerce.user.api.SelfDeactivationException;
import dev.eventcommerce.user.api.UserDeactivated;
import dev.eventcommerce.user.api.UserDeactivatedException;
import dev.eventcommerce.user.api.UserRegistered;
import dev.eventcommerce.user.api.UsernameTakenException;
import dev.eventcommerce.user.credentials.Credentials;
import dev.eventcommerce.platform.axon.IdSequence;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final Set<String> USER = Set.of("user");

    private FixtureConfiguration<User> fixture;
    private FakeCredentials credentials;

    @BeforeEach
    void setUp() {
        credentials = new FakeCredentials();
        AtomicLong ids = new AtomicLong(41);
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource((IdSequence) ids::incrementAndGet);
        fixture.registerInjectableResource(credentials);
    }

    @Test
    void registeringAUserAllocatesAnIdClaimsTheNameAndRecordsTheRegistration() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser("alice", credentials.hash("secret1"), USER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserRegistered(42, "alice", USER))
                .expectResultMessagePayload(42L);

        assertThat(credentials.authenticate("alice", "secret1")).map(Credentials.Login::userId).contains(42L);
    }

    @Test
    void registeringATakenUsernameIsRejected() {
        credentials.register(1, "alice", credentials.hash("secret1"));

        fixture.givenNoPriorActivity()
                .when(new RegisterUser("alice", credentials.hash("another1"), USER))
                .expectException(UsernameTakenException.class)
                .expectNoEvents();
    }

    @Test
    void changingThePasswordWithTheCurrentOneRecordsTheChange() {
        credentials.register(42, "alice", credentials.hash("secret1"));

        fixture.given(new UserRegistered(42, "alice", USER))
                .when(new ChangePassword(42, "secret1", credentials.hash("secret2")))
                .expectEvents(new PasswordChanged(42));

        assertThat(credentials.matches(42, "secret2")).isTrue();
        assertThat(credentials.matches(42, "secret1")).isFalse();
    }

    @Test
    void changingThePasswordWithAWrongCurrentOneIsRejected() {
        credentials.register(42, "alice", credentials.hash("secret1"));

        fixture.given(new UserRegistered(42, "alice", USER))
                .when(new ChangePassword(42, "wrong-one", credentials.hash("secret2")))
                .expectException(IncorrectPasswordException.class)
                .expectNoEvents();

        assertThat(credentials.matches(42, "secret1")).isTrue();
    }

    @Test
    void theServiceResetsAPasswordWithoutTheCurrentOne() {
        credentials.register(1, "admin", credentials.hash("old-admin-password"));

        fixture.given(new UserRegistered(1, "admin", USER))
                .when(new ResetPassword(1, credentials.hash("new-admin-password")))
                .expectEvents(new PasswordChanged(1));

        assertThat(credentials.matches(1, "new-admin-password")).isTrue();
    }

    @Test
    void aDeactivatedUsersPasswordIsNotReset() {
        credentials.register(1, "admin", credentials.hash("old-admin-password"));

        fixture.given(new UserRegistered(1, "admin", USER), new UserDeactivated(1, 2))
                .when(new ResetPassword(1, credentials.hash("new-admin-password")))
                .expectException(UserDeactivatedException.class)
                .expectNoEvents();
    }

    @Test
    void aDeactivatedUserCannotChangeItsPassword() {
        credentials.register(42, "alice", credentials.hash("secret1"));

        fixture.given(new UserRegistered(42, "alice", USER), new UserDeactivated(42, 1))
                .when(new ChangePassword(42, "secret1", credentials.hash("secret2")))
                .expectException(UserDeactivatedException.class)
                .expectNoEvents();
    }

    @Test
    void anAdminDeactivatesAUser() {
        fixture.given(new UserRegistered(42, "alice", USER))
                .when(new DeactivateUser(42, 1))
                .expectEvents(new UserDeactivated(42, 1));
    }

    @Test
    void deactivatingAnAlreadyDeactivatedUserChangesNothing() {
        fixture.given(new UserRegistered(42, "alice", USER), new UserDeactivated(42, 1))
                .when(new DeactivateUser(42, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anAdminCannotDeactivateItsOwnAccount() {
        fixture.given(new UserRegistered(1, "admin", Set.of("admin", "user")))
                .when(new DeactivateUser(1, 1))
                .expectException(SelfDeactivationException.class)
                .expectNoEvents();
    }

    /** Credentials in memory, with a trivial "hash": the aggregate's collaborator, not the thing under test. */
    static final class FakeCredentials implements Credentials {

        private final Map<String, Long> ids = new HashMap<>();
        private final Map<Long, String> hashes = new HashMap<>();

        @Override
        public String hash(String password) {
            return "hashed:" + password;
        }

        @Override
        public void register(long userId, String username, String passwordHash) {
            if (ids.putIfAbsent(username, userId) != null) {
                throw new UsernameTakenException(username);
            }
            hashes.put(userId, passwordHash);
        }

        @Override
        public boolean exists(String username) {
            return ids.containsKey(username);
        }

        @Override
        public Optional<Long> userId(String username) {
            return Optional.ofNullable(ids.get(username));
        }

        @Override
        public boolean matches(long userId, String password) {
            return hash(password).equals(hashes.get(userId));
        }

        @Override
        public java.time.Instant changePassword(long userId, String newPasswordHash) {
            hashes.put(userId, newPasswordHash);
            return java.time.Instant.EPOCH;
        }

        @Override
        public Optional<Login> authenticate(String username, String password) {
            return Optional.ofNullable(ids.get(username)).filter(id -> matches(id, password))
                    .map(id -> new Login(id, Optional.empty()));
        }

        @Override
        public Map<Long, java.time.Instant> passwordChangesSince(java.time.Instant since) {
            return Map.of();
        }

        @Override
        public Optional<java.time.Instant> passwordChangedAt(long userId) {
            return Optional.empty();
        }
    }
}
