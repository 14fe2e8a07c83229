package dev.eventcommerce.ordering.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.ordering.api.OrderView;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * When the read model cannot catch up within the read-your-writes bound (here its processor is stopped), a
 * write says so, 202 with where to read it, rather than answering from a read model that does not have it
 * (the false 404 that a second instance used to give).
 */
@OrderingServiceTest
class ReadYourWritesIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("eventcommerce.read-your-writes.timeout", () -> "500ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;

    final TestTokens accessTokens = TestTokens.shared();

    @Test
    void aWriteWhoseReadModelLagsPastTheBoundIs202WithWhereToReadIt() throws Exception {
        ApiClient api = new ApiClient(port);
        String token = accessTokens.issue(101, "alice", List.of("user")).token();
        StreamingEventProcessor orderView = processing.eventProcessor(OrderView.PROJECTION, StreamingEventProcessor.class)
                .orElseThrow();
        orderView.shutdownAsync().get();
        try {
            ApiClient.Response placed = api.postJson("/orders", "{\"product_id\":1,\"quantity\":1}", token);

            assertThat(placed.status()).isEqualTo(202);
            assertThat(placed.contentType()).startsWith("application/problem+json");
            String id = placed.json().get("id").asString();
            assertThat(placed.header("Location")).isEqualTo("/orders/" + id);
            assertThat(placed.header("Retry-After")).isEqualTo("1");
            assertThat(placed.body()).contains("catching up");
        } finally {
            orderView.start();
        }
    }
}
