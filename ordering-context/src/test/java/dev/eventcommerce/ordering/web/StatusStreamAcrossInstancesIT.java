package dev.eventcommerce.ordering.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.eventcommerce.ordering.OrderingApplication;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.ServiceInstances;
import dev.eventcommerce.platform.testing.TestMessaging;
import dev.eventcommerce.platform.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the ordering service on one database and one set of RabbitMQ names: a shopper's stream on one
 * instance hears of an order placed through the other, and of its confirmation (made by whichever instance
 * consumed catalog's answer), each within a second of its being stored.
 */
class StatusStreamAcrossInstancesIT {

    static final WireMockServer CATALOG = OrderingTestSetup.start();
    static final TestMessaging MESSAGING = TestMessaging.create();
    static final ServiceInstances INSTANCES = new ServiceInstances(OrderingApplication.class);

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static ApiClient other;
    private static List<Queue> published;

    @BeforeAll
    static void startTwoInstances() {
        OrderingTestSetup.properties(INSTANCES.properties(), CATALOG.baseUrl(), MESSAGING);
        // up to three instances at once on the shared PostgreSQL: a few connections each are plenty here
        INSTANCES.with("spring.datasource.hikari.maximum-pool-size", 4);
        first = INSTANCES.start();
        second = INSTANCES.start();
        other = ServiceInstances.api(second);
        RabbitAdmin admin = first.getBean(RabbitAdmin.class);
        // the order-created bridge publishes mandatory: queues bound for it keep it moving
        published = List.of(OrderingTestSetup.bindTestQueue(admin, MESSAGING.orderExchange(), "order.created"),
                OrderingTestSetup.bindTestQueue(admin, MESSAGING.orderExchange(), "order.cancelled"));
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            published.forEach(queue -> first.getBean(RabbitAdmin.class).deleteQueue(queue.getName()));
        }
        INSTANCES.close();
        CATALOG.stop();
        MESSAGING.delete();
    }

    @Test
    void aStreamOnOneInstanceHearsOfAnOrderPlacedAndConfirmedThroughTheOther() {
        String alice = TestTokens.shared().issue(801, "alice", List.of("user")).token();

        try (StatusStreamClient stream = StatusStreamClient.open(ServiceInstances.port(first), "/orders/events", alice,
                null)) {
            assertThat(stream.status()).isEqualTo(200);
            ApiClient.Response placed = other.postJson("/orders", "{\"product_id\":1,\"quantity\":1}", alice);
            assertThat(placed.status()).isEqualTo(201);
            long id = placed.json().get("id").asLong();

            StatusStreamClient.Event pending = stream.next();
            assertSeenWithinASecond(pending, id, "pending");
            OrderingTestSetup.answer(MESSAGING, id, "stock.reserved", null);
            assertSeenWithinASecond(stream.next(), id, "confirmed");

            // resumed on the other instance from the first event: the change it missed
            try (StatusStreamClient one = StatusStreamClient.open(ServiceInstances.port(second), "/orders/" + id + "/events", alice,
                    pending.id())) {
                assertThat(one.next().status()).isEqualTo("confirmed");
            }
        }
    }

    @Test
    void anInstanceAtItsLimitOfStreamsAnswers429AndStoppingClosesThemSayingSoWithoutWaitingForThem() {
        ConfigurableApplicationContext third = INSTANCES.with("eventcommerce.ordering.status-streams.per-instance", 1)
                .start();
        String bob = TestTokens.shared().issue(802, "bob", List.of("user")).token();
        String carol = TestTokens.shared().issue(803, "carol", List.of("user")).token();

        try (StatusStreamClient stream = StatusStreamClient.open(ServiceInstances.port(third), "/orders/events", bob,
                null)) {
            assertThat(stream.status()).isEqualTo(200);
            ApiClient.Response refused = ServiceInstances.api(third).send(ServiceInstances.api(third)
                    .request("/orders/events", carol).header("Accept", "text/event-stream").GET());
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            long started = System.nanoTime();
            third.close();

            StatusStreamClient.Event closed = stream.next();
            assertThat(closed.name()).isEqualTo("closed");
            assertThat(closed.data().get("reason").asString()).isEqualTo("shutdown");
            assertThat(stream.ended(Duration.ofSeconds(2))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    private static void assertSeenWithinASecond(StatusStreamClient.Event event, long id, String status) {
        Instant seen = Instant.now();
        assertThat(event.orderId()).isEqualTo(id);
        assertThat(event.status()).isEqualTo(status);
        assertThat(Duration.between(Instant.parse(event.data().get("at").asString()), seen))
                .as("from stored to seen on the other instance").isLessThan(Duration.ofSeconds(1));
    }
}
