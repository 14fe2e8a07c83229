package dev.eventcommerce.user.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcommerce.kernel.testing.TestDatabases;
import dev.eventcommerce.user.UserApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The service refuses to start with a weak or published signing key. */
class StartupRefusalIT {

    @Test
    void aKeyShorterThan32BytesStopsTheStart() {
        assertThatThrownBy(() -> start("only-31-bytes-long-secret-key!!", "default"))
                .hasStackTraceContaining("at least 32 bytes");
    }

    @Test
    void theSeedsDefaultKeyStopsTheStartOutsideTheLocalProfile() {
        assertThatThrownBy(() -> start("your-secret-key-change-this-in-production-min-32-characters-required", "default"))
                .hasStackTraceContaining("published example");
    }

    @Test
    void theLocalProfileAcceptsTheDevelopmentKey() {
        try (var context = start("local-development-secret-key-not-for-production-use", "local")) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    private static org.springframework.context.ConfigurableApplicationContext start(String key, String profile) {
        return new SpringApplicationBuilder(UserApplication.class)
                .profiles(profile)
                .run("--server.port=0",
                        "--spring.datasource.url=" + TestDatabases.create("user_start"),
                        "--eventcommerce.auth.secret-key=" + key,
                        "--eventcommerce.users.admin-password=",
                        "--eventcommerce.auth.revocation-key=it:startup:deactivated-users");
    }
}
