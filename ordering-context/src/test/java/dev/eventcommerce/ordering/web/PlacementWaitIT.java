package dev.eventcommerce.ordering.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TestMessaging;
import dev.eventcommerce.platform.testing.TestTokens;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /orders} waits (3 s here) for the stock reservation's outcome, which the test gives as catalog
 * would, on the real RabbitMQ, once the order-created message shows the order's id: 201 confirmed, 409
 * naming the rejected order, 201 pending past the wait, and at once with {@code Prefer: respond-async}.
 */
@OrderingServiceTest
class PlacementWaitIT {

    @Autowired
    TestMessaging messaging;

    static final Duration WAIT = Duration.ofSeconds(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("eventcommerce.ordering.placement-wait", WAIT::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    RabbitAdmin rabbitAdmin;
    @Autowired
    RabbitTemplate rabbit;
    final TestTokens accessTokens = TestTokens.shared();

    @Test
    void anOrderWhoseStockIsReservedWhileItWaitsAnswers201Confirmed() throws Exception {
        ApiClient api = new ApiClient(port);
        String alice = accessTokens.issue(301, "alice", List.of("user")).token();

        Placed answered = placeAndAnswer(api, alice, 301, "stock.reserved", null);

        ApiClient.Response placed = answered.response();
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("id").asLong()).isEqualTo(answered.orderId());
        assertThat(placed.json().get("status").asString()).isEqualTo("confirmed");
        assertThat(placed.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void anOrderRejectedWhileItWaitsAnswers409NamingItAndStaysInTheHistory() throws Exception {
        ApiClient api = new ApiClient(port);
        String alice = accessTokens.issue(302, "alice", List.of("user")).token();

        Placed answered = placeAndAnswer(api, alice, 302, "stock.rejected", "insufficient stock");

        long id = answered.orderId();
        ApiClient.Response refused = answered.response();

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("order_id").asLong()).isEqualTo(id);
        assertThat(refused.json().get("status").asString()).isEqualTo("rejected");
        assertThat(refused.json().get("status_reason").asString()).isEqualTo("insufficient stock");
        assertThat(refused.json().get("detail").asString()).contains(String.valueOf(id), "insufficient stock");
        assertThat(refused.header("Location")).isEqualTo("/orders/" + id);
        assertThat(api.get("/orders/" + id, alice).json().get("status").asString()).isEqualTo("rejected");
        JsonNode history = api.get("/orders/" + id + "/history", alice).json();
        assertThat(history.findValuesAsString("event_type")).containsExactly("OrderPlaced", "OrderStatusChanged");
    }

    @Test
    void anOrderNobodyAnswersForWithinTheWaitAnswers201Pending() {
        bindQueues();
        ApiClient api = new ApiClient(port);
        String alice = accessTokens.issue(303, "alice", List.of("user")).token();
        long started = System.nanoTime();

        ApiClient.Response placed = api.postJson("/orders", "{\"product_id\":1,\"quantity\":1}", alice);

        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("status").asString()).isEqualTo("pending");
        assertThat(tookMillis).as("waited the bound, not much longer").isBetween(WAIT.toMillis(), WAIT.toMillis() + 2000);
    }

    @Test
    void preferRespondAsyncAnswers201PendingAtOnce() {
        bindQueues();
        ApiClient api = new ApiClient(port);
        String alice = accessTokens.issue(304, "alice", List.of("user")).token();
        long started = System.nanoTime();

        ApiClient.Response placed = api.send(api.request("/orders", alice)
                .header("Content-Type", "application/json").header("Prefer", "wait=10, respond-async")
                .POST(HttpRequest.BodyPublishers.ofString("{\"product_id\":1,\"quantity\":1}")));

        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("status").asString()).isEqualTo("pending");
        assertThat(placed.header("Preference-Applied")).isEqualTo("respond-async");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(WAIT.toMillis());
    }

    private record Placed(long orderId, ApiClient.Response response) {
    }

    /** Places an order and, while the POST waits, answers for it as catalog would once the bridge announced it. */
    private Placed placeAndAnswer(ApiClient api, String token, long customer, String answer, String reason)
            throws Exception {
        Queue created = bindQueues();
        CompletableFuture<ApiClient.Response> placing = CompletableFuture.supplyAsync(
                () -> api.postJson("/orders", "{\"product_id\":1,\"quantity\":2}", token));
        long id = placedOrderId(created, customer);
        OrderingTestSetup.answer(messaging, id, answer, reason);
        return new Placed(id, placing.get(10, TimeUnit.SECONDS));
    }

    /** The order-created queue the test reads (and one for releases, so the bridge's publishes are routed). */
    private Queue bindQueues() {
        OrderingTestSetup.bindTestQueue(rabbitAdmin, messaging.orderExchange(), "order.cancelled");
        return OrderingTestSetup.bindTestQueue(rabbitAdmin, messaging.orderExchange(), "order.created");
    }

    /**
     * The id of the customer's order as the bridge announced it, as catalog learns it (bounded, 10 s); other
     * tests' orders announced meanwhile are passed over.
     */
    private long placedOrderId(Queue created, long customer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Message message = rabbit.receive(created.getName(), 500);
            JsonNode data = message == null ? null : JSON.readTree(message.getBody()).get("data");
            if (data != null && data.get("user_id").asLong() == customer) {
                return data.get("order_id").asLong();
            }
        }
        throw new AssertionError("no order-created message for customer " + customer);
    }
}
