package dev.eventcommerce.ordering.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.ApiClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The operations API over HTTP: admin only, the bridge and the stock reservation saga never replayed, unknown names 404. */
@OrderingServiceTest
class OperationsApiIT {

    @LocalServerPort
    int port;
    final TestTokens accessTokens = TestTokens.shared();

    @Test
    void onlyAnAdminSeesAndReplaysProcessorsAndTheBridgeIsNeverReplayed() {
        ApiClient api = new ApiClient(port);
        String admin = accessTokens.issue(1, "admin", List.of("admin", "user")).token();
        String customer = accessTokens.issue(101, "alice", List.of("user")).token();
        api.postJson("/orders", "{\"product_id\":1,\"quantity\":1}", customer);

        assertThat(api.get("/admin/processors", null).status()).isEqualTo(401);
        assertThat(api.get("/admin/processors", customer).status()).isEqualTo(403);
        assertThat(api.postJson("/admin/processors/order-view/replay", "", customer).status()).isEqualTo(403);

        ApiClient.Response list = api.get("/admin/processors", admin);
        assertThat(list.status()).isEqualTo(200);
        JsonNode processors = list.json();
        assertThat(processors.findValuesAsString("name")).contains("order-view", "order-created-bridge")
                .as("the reservation timeout is a sweep, not a saga").doesNotContain("stock-reservation-saga");
        for (JsonNode processor : processors) {
            assertThat(processor.get("head").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(processor.get("segments").isArray()).isTrue();
            assertThat(processor.has("lag")).isTrue();
        }
        JsonNode bridgeStatus = api.get("/admin/processors/order-created-bridge", admin).json();
        assertThat(bridgeStatus.get("replayable").asBoolean()).isFalse();
        String reason = bridgeStatus.get("not_replayable_because").asString();
        assertThat(reason).contains("publishes to RabbitMQ");

        ApiClient.Response bridge = api.postJson("/admin/processors/order-created-bridge/replay", "", admin);
        assertThat(bridge.status()).isEqualTo(409);
        assertThat(bridge.json().get("detail").asString()).contains("never be replayed").endsWith(reason);
        ApiClient.Response decisions = api.postJson("/admin/processors/order-decisions/replay", "", admin);
        assertThat(decisions.status()).as("a subscribing processor has no position to replay from").isEqualTo(404);
        assertThat(decisions.contentType()).startsWith("application/problem+json");
        assertThat(api.postJson("/admin/processors/no-such-processor/replay", "", admin).status()).isEqualTo(404);

        ApiClient.Response replay = api.postJson("/admin/processors/order-view/replay", "", admin);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().get("name").asString()).isEqualTo("order-view");
        assertThat(replay.json().get("replayable").asBoolean()).isTrue();
        assertThat(replay.json().get("not_replayable_because").isNull()).isTrue();
    }
}
