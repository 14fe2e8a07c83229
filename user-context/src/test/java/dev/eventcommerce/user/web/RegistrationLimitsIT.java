package dev.eventcommerce.user.web;

import static dev.eventcommerce.user.web.UserServiceTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Registration is rate-limited per client address: every test client here is 127.0.0.1. */
@UserServiceTest
class RegistrationLimitsIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("eventcommerce.users.registrations-per-client", () -> "3");
    }

    @LocalServerPort
    int port;

    @Test
    void aClientThatRegistersTooOftenIsToldToWait() {
        ApiClient api = new ApiClient(port);
        List<Integer> statuses = new ArrayList<>();
        ApiClient.Response last = null;
        for (int i = 0; i < 4; i++) {
            last = api.postJson("/register", "{\"username\":\"" + uniqueName("many") + "\",\"password\":\"Test@123\"}", null);
            statuses.add(last.status());
        }

        assertThat(statuses).containsExactly(201, 201, 201, 429);
        assertThat(last.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
    }
}
