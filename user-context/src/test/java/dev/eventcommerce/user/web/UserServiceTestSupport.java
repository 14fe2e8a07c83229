package dev.eventcommerce.user.web;

import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TestDatabases;
import dev.eventcommerce.platform.testing.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The user service under test: its own database, its own revocation key, the real Redis. */
final class UserServiceTestSupport {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-password-for-tests";

    private UserServiceTestSupport() {
    }

    static void properties(DynamicPropertyRegistry registry) {
        String database = TestDatabases.create("user_it");
        registry.add("spring.datasource.url", () -> database);
        TestTokens.issuer(registry);
        TestTokens.revocations(registry);
        registry.add("eventcommerce.users.admin-username", () -> ADMIN);
        registry.add("eventcommerce.users.admin-password", () -> ADMIN_PASSWORD);
        registry.add("eventcommerce.users.bcrypt-cost", () -> "10");
        // every test logs in and registers from 127.0.0.1: the per-client limits must not couple the tests
        registry.add("eventcommerce.users.login-failures-per-client", () -> "1000");
        registry.add("eventcommerce.users.registrations-per-client", () -> "100000");
        registry.add("eventcommerce.users.registrations", () -> "100000");
        // the throttles keep their state in the shared Redis: each context its own keys
        String throttlePrefix = "it:" + UUID.randomUUID() + ":throttle:";
        registry.add("eventcommerce.users.throttle-key-prefix", () -> throttlePrefix);
    }

    static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String register(ApiClient api, String username, String password) {
        return api.postJson("/register", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", null)
                .json().get("id").asString();
    }

    static String login(ApiClient api, String username, String password) {
        ApiClient.Response response = api.postForm("/login", Map.of("username", username, "password", password));
        if (response.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + response);
        }
        return response.json().get("access_token").asString();
    }
}
