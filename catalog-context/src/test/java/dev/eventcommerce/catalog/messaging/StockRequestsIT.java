package dev.eventcommerce.catalog.messaging;

import static dev.eventcommerce.catalog.messaging.StockAnswers.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.catalog.api.CreateProduct;
import dev.eventcommerce.catalog.api.DeleteProduct;
import dev.eventcommerce.kernel.contract.OrderCancelledMessage;
import dev.eventcommerce.kernel.contract.OrderCreatedMessage;
import dev.eventcommerce.platform.operations.ProcessorOperations;
import dev.eventcommerce.platform.testing.ApiClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Catalog's stock requests over the real RabbitMQ, PostgreSQL and Redis: ordering's messages are
 * published to the test's own exchange as ordering publishes them, and catalog's answers are read from
 * a queue bound to the test's catalog-events exchange.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StockRequestsIT {

    @RegisterExtension
    static final StockAnswers ANSWERS = new StockAnswers();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ANSWERS.service(registry, "catalog_stock");
    }

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessorOperations operations;
    final TestTokens accessTokens = TestTokens.shared();

    @Test
    void aDuplicatedOrderCreatedMessageReservesOnceAndTheAnswerLeavesFromTheEventStore() {
        long product = commands.sendAndWait(new CreateProduct("Lamp", null, new BigDecimal("19.99"), 10, 11));
        long order = 5001;
        String messageId = UUID.randomUUID().toString();
        Message created = orderCreated(order, product, 3, messageId);

        ANSWERS.publishAsOrdering("order.created", created);
        ANSWERS.publishAsOrdering("order.created", created);
        ANSWERS.publishAsOrdering("order.created", orderCreated(order, product, 3, "another-id"));

        JsonNode answer = answerFor(order, "stock.reserved");
        assertThat(answer.get("data").get("remaining").asInt()).isEqualTo(7);
        assertThat(answer.get("data").get("quantity").asInt()).isEqualTo(3);
        awaitQuantity(product, 7);
        sleep(1500);
        assertThat(stockEvents(product)).as("reserved once for three deliveries").containsExactly("StockReserved");
        String eventId = jdbc.sql("SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%StockReserved'").param(String.valueOf(product)).query(String.class).single();
        assertThat(lastAnswerMessageId).as("message id = event id").isEqualTo(eventId);
        assertThat(answersFor(order, 2000)).as("answered once").isEmpty();

        ANSWERS.publishAsOrdering("order.cancelled", orderCancelled(order, product, 3));
        ANSWERS.publishAsOrdering("order.cancelled", orderCancelled(order, product, 3));
        assertThat(answerFor(order, "stock.released").get("data").get("remaining").asInt()).isEqualTo(10);
        awaitQuantity(product, 10);
        sleep(1000);
        assertThat(stockEvents(product)).as("released once").containsExactly("StockReserved", "StockReleased");
    }

    @Test
    void aReservationBeyondTheStockOrOfADeletedProductIsRejectedWithTheReason() {
        long product = commands.sendAndWait(new CreateProduct("Vase", null, new BigDecimal("5.00"), 2, 11));
        ANSWERS.publishAsOrdering("order.created", orderCreated(6001, product, 3, UUID.randomUUID().toString()));
        assertThat(answerFor(6001, "stock.rejected").get("data").get("reason").asString()).isEqualTo("insufficient stock");

        commands.sendAndWait(new DeleteProduct(product, 11, false));
        ANSWERS.publishAsOrdering("order.created", orderCreated(6002, product, 1, UUID.randomUUID().toString()));
        assertThat(answerFor(6002, "stock.rejected").get("data").get("reason").asString()).isEqualTo("product deleted");
    }

    @Test
    void aCancellationBeforeTheReservationMakesTheLateReservationRefused() {
        long product = commands.sendAndWait(new CreateProduct("Cup", null, new BigDecimal("2.00"), 5, 11));
        ANSWERS.publishAsOrdering("order.cancelled", orderCancelled(7001, product, 1));
        awaitEvents(product, 1);
        ANSWERS.publishAsOrdering("order.created", orderCreated(7001, product, 1, UUID.randomUUID().toString()));
        sleep(1500);
        assertThat(stockEvents(product)).containsExactly("StockReservationVoided");
        awaitQuantity(product, 5);
    }

    @Test
    void anUnreadableRequestIsDeadLetteredAndTheNextOneStillServed() {
        long product = commands.sendAndWait(new CreateProduct("Pen", null, new BigDecimal("1.00"), 5, 11));
        ANSWERS.publishAsOrdering("order.created", MessageBuilder.withBody("not json".getBytes())
                .setMessageId("bad-1").build());
        ANSWERS.publishAsOrdering("order.created", orderCreated(8001, product, 1, "good-1"));

        assertThat(answerFor(8001, "stock.reserved")).isNotNull();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Message dead = null;
        while (dead == null && System.nanoTime() < deadline) {
            dead = ANSWERS.rabbit().receive(ANSWERS.messaging().catalogStockQueue() + ".dlq", 500);
        }
        assertThat(dead).as("the unreadable message is in the dead letters").isNotNull();
        assertThat(dead.getMessageProperties().getMessageId()).isEqualTo("bad-1");
        assertThat(dead.getMessageProperties().getHeaders()).as("why and where it failed")
                .containsEntry("x-original-queue", ANSWERS.messaging().catalogStockQueue())
                .containsEntry("x-original-exchange", ANSWERS.messaging().orderExchange())
                .containsEntry("x-original-routing-key", "order.created")
                .containsKeys("x-exception-message", "x-dead-lettered-at");
    }

    @Test
    void theStockBridgeCanNeverBeReplayed() {
        assertThatThrownBy(() -> operations.replay("stock-bridge"))
                .isInstanceOf(ProcessorOperations.ReplayRefusedException.class)
                .hasMessageContaining("never be replayed");
        String admin = accessTokens.issue(1, "admin", List.of("admin", "user")).token();
        ApiClient.Response answer = new ApiClient(port).postJson("/admin/processors/stock-bridge/replay", "", admin);
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private String lastAnswerMessageId;

    private JsonNode answerFor(long orderId, String event) {
        List<JsonNode> answers = answersFor(orderId, 20_000);
        assertThat(answers).as(event + " for order " + orderId).isNotEmpty();
        JsonNode answer = answers.get(0);
        assertThat(answer.get("event").asString()).isEqualTo(event);
        return answer;
    }

    /** The answers for the order arriving within the time (stops at the first). */
    private List<JsonNode> answersFor(long orderId, long millis) {
        List<JsonNode> found = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            Message message = ANSWERS.rabbit().receive(ANSWERS.queue(), 200);
            if (message != null) {
                JsonNode body = JSON.readTree(message.getBody());
                if (body.get("data").get("order_id").asLong() == orderId) {
                    lastAnswerMessageId = message.getMessageProperties().getMessageId();
                    found.add(body);
                }
            }
        }
        return found;
    }

    private List<String> stockEvents(long product) {
        return jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype "
                        + "LIKE '%.Stock%' ORDER BY sequencenumber").param(String.valueOf(product)).query(String.class)
                .list().stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private void awaitEvents(long product, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (stockEvents(product).size() < count && System.nanoTime() < deadline) {
            sleep(100);
        }
    }

    private void awaitQuantity(long product, int quantity) {
        ApiClient api = new ApiClient(port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int seen = -1;
        while (System.nanoTime() < deadline) {
            ApiClient.Response read = api.get("/products/" + product, null);
            seen = read.status() == 200 ? read.json().get("quantity").asInt() : -1;
            if (seen == quantity) {
                return;
            }
            sleep(100);
        }
        assertThat(seen).as("quantity of product " + product + " as clients see it").isEqualTo(quantity);
    }

    private static Message orderCreated(long orderId, long productId, int quantity, String messageId) {
        return json(OrderCreatedMessage.of(new OrderCreatedMessage.Data(orderId, 101, productId, "Lamp", quantity,
                new BigDecimal("19.99"), new BigDecimal("19.99").multiply(BigDecimal.valueOf(quantity)), "pending",
                Instant.now())), messageId);
    }

    private static Message orderCancelled(long orderId, long productId, int quantity) {
        return json(OrderCancelledMessage.of(new OrderCancelledMessage.Data(orderId, productId, quantity, "cancelled")),
                UUID.randomUUID().toString());
    }

    private static Message json(Object body, String messageId) {
        return MessageBuilder.withBody(JSON.writeValueAsBytes(body)).setContentType("application/json")
                .setMessageId(messageId).setDeliveryMode(MessageDeliveryMode.PERSISTENT).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
