package dev.eventcommerce.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TestDatabases;
import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.user.UserApplication;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * ADMIN_PASSWORD is the admin's password: started again on the same database with another one (another
 * checkout's make run, a rotated secret), the service sets it, and the old one no longer logs in.
 */
class AdminAccountIT {

    private final String database = TestDatabases.create("user_admin");
    private final String revocationKey = "it:" + UUID.randomUUID() + ":token-revocations";

    @Test
    void anotherAdminPasswordAtStartReplacesTheStoredOne() throws InterruptedException {
        try (ConfigurableApplicationContext first = start("first-Admin-passw0rd")) {
            // the admin's read-model row is projected a moment after the start
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (login(first, "first-Admin-passw0rd") != 200 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(login(first, "first-Admin-passw0rd")).isEqualTo(200);
        }
        try (ConfigurableApplicationContext second = start("second-Admin-passw0rd")) {
            assertThat(login(second, "second-Admin-passw0rd")).as("the new password").isEqualTo(200);
            assertThat(login(second, "first-Admin-passw0rd")).as("the old one").isEqualTo(401);
        }
    }

    private ConfigurableApplicationContext start(String adminPassword) {
        return new SpringApplicationBuilder(UserApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + database,
                        "--eventcommerce.auth.signing-keys-file=" + TestTokens.signingKeysFileForTests(),
                        "--eventcommerce.users.admin-username=admin",
                        "--eventcommerce.users.admin-password=" + adminPassword,
                        "--eventcommerce.users.bcrypt-cost=10",
                        "--eventcommerce.users.throttle-key-prefix=it:" + UUID.randomUUID() + ":",
                        "--eventcommerce.auth.revocation-key=" + revocationKey);
    }

    private static int login(ConfigurableApplicationContext context, String password) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new ApiClient(port).postForm("/login", Map.of("username", "admin", "password", password)).status();
    }
}
