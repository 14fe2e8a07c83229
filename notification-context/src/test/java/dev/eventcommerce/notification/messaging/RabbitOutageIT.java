package dev.eventcommerce.notification.messaging;

import static dev.eventcommerce.notification.messaging.NotificationServiceTestSupport.await;
import static dev.eventcommerce.notification.messaging.NotificationServiceTestSupport.messageId;
import static dev.eventcommerce.notification.messaging.NotificationServiceTestSupport.uniqueId;
import static dev.eventcommerce.notification.messaging.TestBroker.orderCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TcpProxy;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service reaches RabbitMQ through a proxy that the test cuts: /health shows RabbitMQ disconnected,
 * and once the proxy is restored the consumer reconnects by itself and processes what was published
 * during the outage and after it. The test publishes straight to the broker, as ordering would.
 */
@NotificationServiceTest
class RabbitOutageIT {

    static final TcpProxy RABBITMQ = new TcpProxy(5672);
    static final TestBroker BROKER = new TestBroker();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BROKER.register(registry);
        registry.add("spring.rabbitmq.port", RABBITMQ::port);
    }

    @AfterAll
    static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
        listeners.stop();
        BROKER.close();
        RABBITMQ.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theConsumerReconnectsByItselfAndProcessesWhatWasPublishedDuringAndAfterTheOutage() {
        ApiClient api = new ApiClient(port);
        long user = uniqueId();
        long before = uniqueId();
        long during = uniqueId();
        long after = uniqueId();
        BROKER.publish(messageId(), orderCreated(before, user, "Before", 1, "1.00"));
        assertThat(await(Duration.ofSeconds(15), () -> recorded(before))).isTrue();
        assertThat(api.get("/health", null).json().get("rabbitmq").asString()).isEqualTo("connected");

        RABBITMQ.cut();
        try {
            assertThat(await(Duration.ofSeconds(10),
                    () -> "disconnected".equals(api.get("/health", null).json().get("rabbitmq").asString())))
                    .as("health shows RabbitMQ disconnected").isTrue();
            ApiClient.Response health = api.get("/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asString()).isEqualTo("degraded");
            BROKER.publish(messageId(), orderCreated(during, user, "During", 1, "1.00"));
            assertThat(await(Duration.ofSeconds(5), () -> BROKER.ready(BROKER.queue) == 1))
                    .as("the message waits in the durable queue").isTrue();
            assertThat(recorded(during)).isFalse();
        } finally {
            RABBITMQ.restore();
        }

        assertThat(await(Duration.ofSeconds(30), () -> recorded(during)))
                .as("the message published during the outage is processed after it").isTrue();
        assertThat(await(Duration.ofSeconds(10),
                () -> "connected".equals(api.get("/health", null).json().get("rabbitmq").asString()))).isTrue();
        BROKER.publish(messageId(), orderCreated(after, user, "After", 1, "1.00"));
        assertThat(await(Duration.ofSeconds(15), () -> recorded(after))).isTrue();
        assertThat(BROKER.ready(BROKER.deadLetterQueue)).isZero();
    }

    private boolean recorded(long order) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE order_id = ?").param(order)
                .query(Long.class).single() == 1;
    }
}
