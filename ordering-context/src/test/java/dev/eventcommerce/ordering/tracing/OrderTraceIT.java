package dev.eventcommerce.ordering.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.eventcommerce.ordering.web.OrderingServiceTest;
import dev.eventcommerce.platform.testing.TestMessaging;
import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.ordering.web.OrderingTestSetup;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trace covers an order's way through this service: the HTTP request, the call to the catalog, the
 * command, the projection, the bridge's handler and its RabbitMQ publish, and the trace context leaves
 * with the message ({@code traceparent} AMQP header) for the notification consumer to continue.
 * Spans are caught by an in-memory exporter.
 */
@OrderingServiceTest
@TestPropertySource(properties = "management.opentelemetry.tracing.export.schedule-delay=50ms")
class OrderTraceIT {

    @Autowired
    WireMockServer catalog;
    @Autowired
    TestMessaging messaging;

    @TestConfiguration
    static class Spans {
        @Bean
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    @LocalServerPort
    int port;
    final TestTokens accessTokens = TestTokens.shared();
    @Autowired
    InMemorySpanExporter spans;

    @Test
    void oneTraceCoversTheRequestTheCatalogCallTheCommandTheProjectionAndThePublish() throws Exception {
        try (OrderingTestSetup.SeenMessages seen = new OrderingTestSetup.SeenMessages(messaging.orderExchange())) {
            ApiClient api = new ApiClient(port);
            String token = accessTokens.issue(301, "tracy", List.of("user")).token();
            ApiClient.Response placed = api.postJson("/orders", "{\"product_id\":1,\"quantity\":1}", token);
            assertThat(placed.status()).isEqualTo(201);
            long orderId = placed.json().get("id").asLong();

            Message message = seen.receive(10_000);
            assertThat(message).as("the order-created message").isNotNull();
            assertThat(JsonMapper.builder().build().readTree(message.getBody()).at("/data/order_id").asLong())
                    .isEqualTo(orderId);
            Object traceparent = message.getMessageProperties().getHeaders().get("traceparent");
            assertThat(traceparent).as("W3C trace context in the AMQP headers").isNotNull();
            String traceId = traceparent.toString().split("-")[1];

            List<SpanData> trace = awaitSpans(traceId, 5);
            trace.forEach(span -> System.out.printf("trace %s: %s %s%n", traceId, span.getKind(), span.getName()));
            assertThat(trace).as("the HTTP request is the trace's root")
                    .anySatisfy(span -> {
                        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
                        assertThat(span.getName()).containsIgnoringCase("post").contains("/orders");
                        assertThat(span.getParentSpanContext().isValid()).isFalse();
                    });
            assertThat(trace).as("the call to the catalog").anySatisfy(span -> {
                assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
                assertThat(span.getName()).containsIgnoringCase("get");
            });
            assertThat(catalog.getAllServeEvents()).as("the catalog got the trace context")
                    .anySatisfy(call -> assertThat(call.getRequest().getHeader("traceparent")).contains(traceId));
            assertThat(trace).as("the command and its event")
                    .anySatisfy(span -> assertThat(span.getName()).isEqualTo("CommandBus.handleCommand(PlaceOrder)"))
                    .anySatisfy(span -> assertThat(span.getName()).isEqualTo("EventBus.publishEvent(OrderPlaced)"));
            assertThat(trace).as("the projection and the bridge handle the event")
                    .anySatisfy(span -> assertThat(span.getName()).startsWith("OrderProjection.on(OrderPlaced"))
                    .anySatisfy(span -> assertThat(span.getName()).startsWith("OrderCreatedBridge.on(OrderPlaced"));
            assertThat(api.get("/orders/" + orderId + "/history", token).json().get(0).get("trace_id").asString())
                    .as("the order's history names the trace that placed it").isEqualTo(traceId);
            assertThat(trace).as("the publish to RabbitMQ").anySatisfy(span -> {
                assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
                assertThat(span.getName()).contains(messaging.orderExchange());
            });
        }
    }

    private List<SpanData> awaitSpans(String traceId, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<SpanData> trace = List.of();
        while (System.nanoTime() < deadline) {
            trace = spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
            if (trace.size() >= atLeast && trace.stream().anyMatch(span -> span.getKind() == SpanKind.PRODUCER)) {
                Thread.sleep(300);
                return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
            }
            Thread.sleep(50);
        }
        return trace;
    }
}
