package dev.eventcommerce.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.auth.TokenRevocations;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.BadRequests;
import dev.eventcommerce.platform.testing.BadRequests.BadRequest;
import dev.eventcommerce.platform.testing.BadTokens;
import dev.eventcommerce.platform.testing.BadTokens.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The notification API against the tables of bad requests and bad tokens, and its security headers. */
@NotificationServiceTest
class NotificationBadInputIT {

    static final TestBroker BROKER = new TestBroker();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BROKER.register(registry);
    }

    @AfterAll
    static void deleteTopology(@Autowired RabbitListenerEndpointRegistry listeners) {
        listeners.stop();
        BROKER.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    final TestTokens accessTokens = TestTokens.shared();

    @TestFactory
    Stream<DynamicTest> everyBadRequestIsAProblemAndChangesNothing() {
        ApiClient api = new ApiClient(port);
        String userToken = accessTokens.issue(NotificationServiceTestSupport.uniqueId(), "henry", List.of("user")).token();
        String adminToken = accessTokens.issue(1, "admin", List.of("admin", "user")).token();
        Supplier<String> user = () -> userToken;
        Supplier<String> admin = () -> adminToken;

        List<BadRequest> table = new ArrayList<>(BadRequests.paging("/notifications", user));
        table.add(new BadRequest("a user listing processors", "GET", "/admin/processors", null, null, user, Map.of(),
                403));
        table.add(new BadRequest("unknown processor", "GET", "/admin/processors/no-such", null, null, admin, Map.of(),
                404));
        table.add(new BadRequest("replay of an unknown processor", "POST", "/admin/processors/no-such/replay", null,
                null, admin, Map.of(), 404));
        table.add(new BadRequest("posting to the read-only list", "POST", "/notifications", "application/json", "{}",
                user, Map.of(), 405));
        table.add(new BadRequest("deleting the list", "DELETE", "/notifications", null, null, user, Map.of(), 405));

        return table.stream().map(row -> dynamicTest(row.toString(), () -> {
            String before = BadRequests.fingerprint(jdbc, "notifications");

            BadRequests.assertRefused(row, row.send(api));

            assertThat(BadRequests.fingerprint(jdbc, "notifications")).as("state after " + row).isEqualTo(before);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyProtectedEndpointRefusesEveryBadToken(ApplicationContext service,
            @Autowired TokenRevocations deactivatedUsers) {
        ApiClient api = new ApiClient(port);
        String deactivated = accessTokens.deactivatedUser(service, NotificationServiceTestSupport.uniqueId(),
                deactivatedUsers::deactivated);
        Map<String, String> tokens = new LinkedHashMap<>(BadTokens.forUser(
                NotificationServiceTestSupport.uniqueId(), "ivy", List.of("admin", "user")));
        tokens.put("of a deactivated user", "Bearer " + deactivated);
        List<Endpoint> endpoints = List.of(Endpoint.get("/notifications"), Endpoint.get("/admin/processors"));

        return BadTokens.refusedOnEveryEndpoint(api, tokens, endpoints,
                () -> BadRequests.fingerprint(jdbc, "notifications"));
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        ApiClient api = new ApiClient(port);
        String token = accessTokens.issue(NotificationServiceTestSupport.uniqueId(), "jack", List.of("user")).token();

        BadRequests.assertSecurityHeaders("200", api.get("/notifications", token));
        BadRequests.assertSecurityHeaders("401", api.get("/notifications", null));
        BadRequests.assertSecurityHeaders("422", api.get("/notifications?limit=0", token));
        BadRequests.assertSecurityHeaders("health", api.get("/health", null));
    }
}
