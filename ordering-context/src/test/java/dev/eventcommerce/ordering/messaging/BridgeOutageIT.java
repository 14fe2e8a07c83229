package dev.eventcommerce.ordering.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.ordering.web.OrderingServiceTest;
import dev.eventcommerce.platform.testing.TestMessaging;
import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TcpProxy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service reaches RabbitMQ through a proxy that the test cuts for a while: orders are still accepted,
 * and once the broker is reachable again every placed order's message arrives (checked by message id,
 * straight from the broker).
 */
@OrderingServiceTest
class BridgeOutageIT {

    static final TcpProxy RABBIT = new TcpProxy(5672);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.port", RABBIT::port);
    }

    @AfterAll
    static void stop() {
        RABBIT.close();
    }

    @Autowired
    TestMessaging messaging;
    @LocalServerPort
    int port;
    final TestTokens accessTokens = TestTokens.shared();
    @Autowired
    JdbcClient jdbc;

    @Test
    void ordersPlacedWhileTheBrokerIsAwayAreAllPublishedWhenItIsBack() throws InterruptedException {
        CachingConnectionFactory direct = new CachingConnectionFactory("127.0.0.1", 5672);
        RabbitAdmin admin = new RabbitAdmin(direct);
        Queue seen = QueueBuilder.nonDurable(messaging.orderExchange() + ".seen").expires(600_000).build();
        admin.declareExchange(new TopicExchange(messaging.orderExchange(), true, false));
        admin.declareQueue(seen);
        admin.declareBinding(BindingBuilder.bind(seen).to(new TopicExchange(messaging.orderExchange())).with("order.created"));
        RabbitTemplate broker = new RabbitTemplate(direct);
        ApiClient api = new ApiClient(port);
        String token = accessTokens.issue(101, "alice", List.of("user")).token();
        try {
            assertThat(api.postJson("/orders", "{\"product_id\":1,\"quantity\":1}", token).status()).isEqualTo(201);

            RABBIT.cut();
            try {
                for (int i = 0; i < 10; i++) {
                    assertThat(api.postJson("/orders", "{\"product_id\":1,\"quantity\":1}", token).status())
                            .as("orders are accepted while RabbitMQ is unreachable").isEqualTo(201);
                }
                Thread.sleep(3000);
            } finally {
                RABBIT.restore();
            }

            Set<String> expected = new HashSet<>(jdbc.sql(
                    "SELECT eventidentifier FROM domainevententry WHERE payloadtype LIKE '%OrderPlaced'")
                    .query(String.class).list());
            assertThat(expected).hasSize(11);
            Set<String> received = new HashSet<>();
            int deliveries = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!received.containsAll(expected) && System.nanoTime() < deadline) {
                Message message = broker.receive(seen.getName(), 1000);
                if (message != null) {
                    deliveries++;
                    received.add(message.getMessageProperties().getMessageId());
                }
            }
            System.out.printf("bridge outage: %d orders placed, %d distinct messages received, %d deliveries%n",
                    expected.size(), received.size(), deliveries);
            assertThat(received).as("every placed order was published").containsAll(expected);
        } finally {
            admin.deleteQueue(seen.getName());
            admin.deleteExchange(messaging.orderExchange());
            direct.destroy();
        }
    }
}
