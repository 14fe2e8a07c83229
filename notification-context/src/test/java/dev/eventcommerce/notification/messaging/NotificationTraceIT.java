package dev.eventcommerce.notification.messaging;

import static dev.eventcommerce.notification.messaging.NotificationServiceTestSupport.await;
import static dev.eventcommerce.notification.messaging.NotificationServiceTestSupport.messageId;
import static dev.eventcommerce.notification.messaging.NotificationServiceTestSupport.uniqueId;
import static dev.eventcommerce.notification.messaging.TestBroker.orderCreated;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The consumer continues the trace the ordering service started: a message that arrives with a
 * {@code traceparent} header is handled in a span of that trace, a child of the publisher's span
 * (ordering's half of the same trace is shown by its OrderTraceIT).
 */
@NotificationServiceTest
class NotificationTraceIT {

    static final TestBroker BROKER = new TestBroker();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BROKER.register(registry);
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "50ms");
    }

    @AfterAll
    static void deleteTopology(@Autowired RabbitListenerEndpointRegistry listeners) {
        listeners.stop();
        BROKER.close();
    }

    @TestConfiguration
    static class Spans {
        @Bean
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    @Autowired
    InMemorySpanExporter spans;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theConsumerHandlesAMessageInTheTraceThatPublishedIt() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736".substring(0, 16) + String.format("%016x", uniqueId());
        String publisherSpanId = "00f067aa0ba902b7";
        long order = uniqueId();

        BROKER.publish(messageId(), orderCreated(order, uniqueId(), "Traced", 1, "9.99"),
                Map.of("traceparent", "00-" + traceId + "-" + publisherSpanId + "-01"));

        assertThat(await(Duration.ofSeconds(10), () -> jdbc.sql("SELECT count(*) FROM notifications WHERE order_id = ?")
                .param(order).query(Long.class).single() == 1)).as("the notification is recorded").isTrue();
        assertThat(await(Duration.ofSeconds(10), () -> !inTrace(traceId).isEmpty())).as("spans of the trace").isTrue();
        List<SpanData> trace = inTrace(traceId);
        trace.forEach(span -> System.out.printf("trace %s: %s %s%n", traceId, span.getKind(), span.getName()));
        assertThat(trace).anySatisfy(span -> {
            assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(span.getName()).contains(BROKER.queue);
            assertThat(span.getParentSpanId()).isEqualTo(publisherSpanId);
        });
    }

    private List<SpanData> inTrace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }
}
