package dev.eventcommerce.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.ServiceInstances;
import dev.eventcommerce.platform.testing.TestDatabases;
import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.user.UserApplication;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * ADMIN_PASSWORD is the admin's password: started again on the same database with another one (another
 * checkout's make run, a rotated secret), the service sets it, and the old one no longer logs in.
 */
class AdminAccountIT {

    private final ServiceInstances instances = new ServiceInstances(UserApplication.class);

    @AfterEach
    void stop() {
        instances.close();
    }

    @Test
    void anotherAdminPasswordAtStartReplacesTheStoredOne() throws InterruptedException {
        TestTokens.issuer(instances.properties());
        TestTokens.revocations(instances.properties());
        instances.with("spring.datasource.url", TestDatabases.create("user_admin"))
                .with("eventcommerce.users.admin-username", "admin")
                .with("eventcommerce.users.bcrypt-cost", 10)
                .with("eventcommerce.users.throttle-key-prefix", "it:" + UUID.randomUUID() + ":");
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
        return instances.with("eventcommerce.users.admin-password", adminPassword).start();
    }

    private static int login(ConfigurableApplicationContext context, String password) {
        return ServiceInstances.api(context).postForm("/login", Map.of("username", "admin", "password", password))
                .status();
    }
}
