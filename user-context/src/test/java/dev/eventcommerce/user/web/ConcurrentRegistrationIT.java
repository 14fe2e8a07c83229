package dev.eventcommerce.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Username uniqueness under a race: the credentials table's unique constraint decides, in the event's transaction. */
@UserServiceTest
class ConcurrentRegistrationIT {

    private static final int CLIENTS = 20;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // Twenty bcrypt hashes at once on two busy cores can wait past the bulkhead's 2 s, whose 503 is the
        // bulkhead's own test (AccountSecurityIT); here only the uniqueness of the name is in question.
        registry.add("eventcommerce.users.bcrypt-max-wait", () -> "60s");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void twentyClientsRegisteringOneNameAtOnceGetExactlyOne201() throws Exception {
        ApiClient api = new ApiClient(port);
        String name = UserServiceTestSupport.uniqueName("race");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String password = "password-" + i;
            answers.add(clients.submit(() -> {
                start.await();
                return api.postJson("/register", "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}",
                        null).status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get(60, TimeUnit.SECONDS));
        }
        clients.shutdown();

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(CLIENTS - 1);
        assertThat(jdbc.sql("SELECT count(*) FROM user_credentials WHERE username = ?").param(name)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%UserRegistered' "
                        + "AND convert_from(payload, 'UTF8')::jsonb ->> 'username' = ?")
                .param(name).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE username = ?").param(name).query(Long.class).single())
                .isEqualTo(1);
    }
}
