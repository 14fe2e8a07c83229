package dev.eventcommerce.ordering.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.ordering.web.OrderingServiceTest;
import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TestMessaging;
import dev.eventcommerce.ordering.web.OrderingTestSetup;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Ordering's side of the stock reservation on the real RabbitMQ and PostgreSQL, with catalog's answers
 * published by the test: duplicated answers confirm once, an unreadable one is dead-lettered, and an
 * order nobody answers for is rejected by the reservation timeout's sweep (2 s here), which asks catalog to
 * release its stock.
 */
@OrderingServiceTest
class StockReservationIT {

    @Autowired
    TestMessaging messaging;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("eventcommerce.ordering.reservation-timeout", () -> "2s");
    }

    @LocalServerPort
    int port;
    final TestTokens accessTokens = TestTokens.shared();
    @Autowired
    RabbitAdmin rabbitAdmin;
    @Autowired
    RabbitTemplate rabbit;

    @Test
    void duplicatedAnswersConfirmOnceAndTheOrderLeavesTheProcess() {
        bindQueues();
        ApiClient api = new ApiClient(port);
        String alice = accessTokens.issue(101, "alice", List.of("user")).token();
        long id = api.postJson("/orders", "{\"product_id\":1,\"quantity\":1}", alice).json().get("id").asLong();

        OrderingTestSetup.answer(messaging, id, "stock.reserved", null);
        OrderingTestSetup.answer(messaging, id, "stock.reserved", null);
        OrderingTestSetup.answer(messaging, id, "stock.rejected", "insufficient stock");

        assertThat(await(api, alice, id, "confirmed").get("status_reason").isNull()).isTrue();
        sleep(3000);
        JsonNode history = api.get("/orders/" + id + "/history", alice).json();
        assertThat(history.findValuesAsString("event_type"))
                .as("confirmed once; the timeout's sweeps passed it by").containsExactly("OrderPlaced", "OrderStatusChanged");
    }

    @Test
    void anOrderCatalogNeverAnswersForIsRejectedByTheTimeoutAndItsStockReleased() {
        Queue releases = bindQueues();
        ApiClient api = new ApiClient(port);
        String alice = accessTokens.issue(101, "alice", List.of("user")).token();
        long placedAt = System.nanoTime();
        long id = api.postJson("/orders", "{\"product_id\":1,\"quantity\":4}", alice).json().get("id").asLong();
        sleep(1000);
        assertThat(api.get("/orders/" + id, alice).json().get("status").asString()).as("before the timeout")
                .isEqualTo("pending");

        JsonNode rejected = await(api, alice, id, "rejected");

        assertThat(System.nanoTime() - placedAt).as("not before the 2 s timeout")
                .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(2));

        assertThat(rejected.get("status_reason").asString()).isEqualTo("catalog did not answer within 2s");
        JsonNode history = api.get("/orders/" + id + "/history", alice).json();
        assertThat(history.get(1).get("data").get("releases_stock").asBoolean()).isTrue();
        assertThat(history.get(1).get("actor").get("username").asString()).as("the customer did not reject it")
                .isEqualTo("shop");
        assertThat(history.get(1).get("actor").get("user_id").isNull()).isTrue();
        String admin = accessTokens.issue(1, "admin", List.of("admin", "user")).token();
        assertThat(api.get("/orders/" + id + "/history", admin).json().get(1).get("actor").isNull())
                .as("the system rejected it").isTrue();
        JsonNode release = receive(releases, id);
        assertThat(release.get("data").get("quantity").asInt()).isEqualTo(4);
        assertThat(release.get("data").get("reason").asString()).isEqualTo("catalog did not answer within 2s");
        OrderingTestSetup.answer(messaging, id, "stock.reserved", null);
        sleep(1500);
        assertThat(api.get("/orders/" + id, alice).json().get("status").asString())
                .as("a late reservation changes nothing").isEqualTo("rejected");
    }

    @Test
    void anUnreadableAnswerIsDeadLetteredAndAReleaseOnlyAcknowledged() {
        OrderingTestSetup.answer(messaging, 424242, "stock.released", null);
        rabbit.send(messaging.catalogExchange(), "stock.reserved",
                MessageBuilder.withBody("{\"event\":\"stock.reserved\"}".getBytes()).setMessageId("bad-answer").build());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Message dead = null;
        while (dead == null && System.nanoTime() < deadline) {
            dead = rabbit.receive(messaging.orderingReplyQueue() + ".dlq", 500);
        }
        assertThat(dead).isNotNull();
        assertThat(dead.getMessageProperties().getMessageId()).as("the release before it was acknowledged")
                .isEqualTo("bad-answer");
        assertThat(dead.getMessageProperties().getHeaders()).as("why and where it failed")
                .containsEntry("x-original-queue", messaging.orderingReplyQueue())
                .containsEntry("x-original-routing-key", "stock.reserved")
                .containsKeys("x-exception-message", "x-dead-lettered-at");
    }

    /** Queues for what the bridge publishes, so that it is never held up by an unroutable message. */
    private Queue bindQueues() {
        OrderingTestSetup.bindTestQueue(rabbitAdmin, messaging.orderExchange(), "order.created");
        return OrderingTestSetup.bindTestQueue(rabbitAdmin, messaging.orderExchange(), "order.cancelled");
    }

    private JsonNode receive(Queue queue, long orderId) {
        return OrderingTestSetup.receiveFor(rabbit, queue, orderId);
    }

    private static JsonNode await(ApiClient api, String token, long id, String status) {
        return OrderingTestSetup.awaitStatus(api, token, id, status);
    }

    private static void sleep(long millis) {
        OrderingTestSetup.sleep(millis);
    }
}
