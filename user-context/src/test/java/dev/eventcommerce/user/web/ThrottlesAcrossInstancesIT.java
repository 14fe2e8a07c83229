package dev.eventcommerce.user.web;

import static dev.eventcommerce.user.web.UserServiceTestSupport.login;
import static dev.eventcommerce.user.web.UserServiceTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.ServiceInstances;
import dev.eventcommerce.user.UserApplication;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the user service behind one imaginary load balancer: the same database, the same Redis
 * key prefix. An attacker who spreads guesses or registrations over both gets no more than from one.
 */
class ThrottlesAcrossInstancesIT {

    static final ServiceInstances INSTANCES = new ServiceInstances(UserApplication.class);
    private static ApiClient a;
    private static ApiClient b;

    @BeforeAll
    static void startTwoInstances() {
        UserServiceTestSupport.properties(INSTANCES.properties());
        INSTANCES.with("eventcommerce.users.throttle-key-prefix", "it:" + UUID.randomUUID() + ":throttle:")
                .with("eventcommerce.users.registrations-per-client", 3);
        a = ServiceInstances.api(INSTANCES.start());
        b = ServiceInstances.api(INSTANCES.start());
    }

    @AfterAll
    static void stop() {
        INSTANCES.close();
    }

    @Test
    void failedLoginsOnOneInstanceDelayTheUsernameOnTheOtherAndASuccessThereForgivesThem() throws Exception {
        // the admin account, which needs no registration: the other test counts every registration
        String name = UserServiceTestSupport.ADMIN;
        for (int i = 0; i < 5; i++) {
            assertThat(wrongLogin(a, name).status()).as("failure %d on A", i + 1).isEqualTo(401);
        }

        ApiClient.Response onB = wrongLogin(b, name);
        assertThat(onB.status()).as("the sixth attempt, on B").isEqualTo(429);
        assertThat(Long.parseLong(onB.header("Retry-After"))).isBetween(1L, 2L);

        Thread.sleep(1_100);
        login(b, name, UserServiceTestSupport.ADMIN_PASSWORD);
        assertThat(wrongLogin(a, name).status()).as("forgiven on A by the success on B").isEqualTo(401);
        assertThat(wrongLogin(a, name).status()).isEqualTo(401);
    }

    @Test
    void registrationsCountedOnOneInstanceCountOnTheOther() {
        assertThat(registration(a).status()).isEqualTo(201);
        assertThat(registration(a).status()).isEqualTo(201);
        assertThat(registration(b).status()).isEqualTo(201);

        ApiClient.Response fourth = registration(b);
        assertThat(fourth.status()).as("the client's fourth, on B").isEqualTo(429);
        assertThat(Long.parseLong(fourth.header("Retry-After"))).isPositive();
        assertThat(registration(a).status()).as("and on A").isEqualTo(429);
    }

    private static ApiClient.Response wrongLogin(ApiClient api, String name) {
        return api.postForm("/login", Map.of("username", name, "password", "wrong-password"));
    }

    private static ApiClient.Response registration(ApiClient api) {
        return api.postJson("/register", "{\"username\":\"" + uniqueName("twice") + "\",\"password\":\"Test@123\"}",
                null);
    }
}
