package dev.eventcommerce.ordering.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.TestMessaging;
import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.ApiClient;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * After an order, {@code /actuator/prometheus} (and the seed's {@code /metrics}) shows what the
 * dashboards read, with real values: HTTP latency histograms per endpoint, Axon's command and event
 * meters, each processor's lag and replay state, and the bridge's confirmed publishes, all tagged with
 * the service.
 */
@OrderingServiceTest
@TestPropertySource(properties = "eventcommerce.operations.metrics-interval=200ms")
class OrderingMetricsIT {

    @Autowired
    TestMessaging messaging;

    @LocalServerPort
    int port;
    final TestTokens accessTokens = TestTokens.shared();

    @Test
    void anOrderShowsInTheRequestAxonProcessorAndBridgeMetrics() throws InterruptedException {
        // a bound queue, so that the bridge's publish is routed and confirmed
        try (OrderingTestSetup.SeenMessages seen = new OrderingTestSetup.SeenMessages(messaging.orderExchange())) {
            ApiClient api = new ApiClient(port);
            String token = accessTokens.issue(401, "metra", List.of("user")).token();
            assertThat(api.postJson("/orders", "{\"product_id\":1,\"quantity\":1}", token).status()).isEqualTo(201);

            String scrape = awaitScrape(api, "bridge_messages_total{", "outcome=\"confirmed\"");
            List<String> names = Arrays.stream(scrape.split("\n")).filter(line -> !line.startsWith("#"))
                    .map(line -> line.replaceAll("[{ ].*", "")).distinct().sorted().toList();
            names.stream().filter(name -> name.matches("(?i).*(axon|command|event|query|bridge|processor).*"))
                    .forEach(name -> System.out.println("metric " + name));

            assertThat(value(scrape, "http_server_requests_seconds_count", "uri=\"/orders\"", "method=\"POST\"",
                    "service=\"order-service\"")).isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "http_server_requests_seconds_bucket", "uri=\"/orders\"", "le=\"0.1\""))
                    .as("a latency histogram per endpoint").isGreaterThanOrEqualTo(0);
            assertThat(value(scrape, "commandBus_successCounter_total")).as("Axon's command meters").isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "eventStore_ingestedCounter_total")).as("Axon's event meters").isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "bridge_messages_total", "outcome=\"confirmed\"")).isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "axon_processor_lag_events", "processor=\"order-view\"")).isZero();
            assertThat(value(scrape, "axon_processor_position", "processor=\"order-view\"")).isGreaterThanOrEqualTo(0);
            assertThat(value(scrape, "axon_processor_replaying", "processor=\"order-view\"")).isZero();
            assertThat(value(scrape, "axon_processor_running", "processor=\"order-created-bridge\"")).isEqualTo(1);
            assertThat(value(scrape, "axon_event_store_head")).isGreaterThanOrEqualTo(0);
            assertThat(api.get("/metrics", null).body()).contains("axon_processor_lag_events");
        }
    }

    private static String awaitScrape(ApiClient api, String... expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String scrape = "";
        while (System.nanoTime() < deadline) {
            scrape = api.get("/actuator/prometheus", null).body();
            String current = scrape;
            if (Arrays.stream(expected).allMatch(current::contains)) {
                Thread.sleep(500);
                return api.get("/actuator/prometheus", null).body();
            }
            Thread.sleep(200);
        }
        return scrape;
    }

    /** The sum of a metric's samples whose labels contain every given matcher. */
    static double value(String scrape, String metric, String... labels) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .reduce(Double::sum).orElse(-1);
    }
}
