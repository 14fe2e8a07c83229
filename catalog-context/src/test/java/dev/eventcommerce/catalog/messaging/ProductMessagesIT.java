package dev.eventcommerce.catalog.messaging;

import static dev.eventcommerce.catalog.messaging.StockAnswers.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.catalog.api.CreateProduct;
import dev.eventcommerce.catalog.api.DeleteProduct;
import dev.eventcommerce.catalog.api.UpdateProduct;
import dev.eventcommerce.kernel.contract.OrderCreatedMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Catalog's product changes leave from its event store to the test's catalog-events exchange, into
 * ordering's product-replica queue, which catalog declares itself (no ordering runs here): read straight
 * from that queue.
 */
@SpringBootTest
class ProductMessagesIT {

    @RegisterExtension
    static final StockAnswers ANSWERS = new StockAnswers();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ANSWERS.service(registry, "catalog_products");
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcClient jdbc;

    @Test
    void creatingUpdatingAndDeletingAProductEachPublishAProductMessageWithItsVersion() {
        long product = commands.sendAndWait(new CreateProduct("Kettle", "steel", new BigDecimal("24.50"), 8, 11));
        // a stock change moves the product's sequence on without a product message
        ANSWERS.publishAsOrdering("order.created", orderCreated(9001, product));
        awaitEvents(product, 2);
        commands.sendAndWait(new UpdateProduct(product, null, null, new BigDecimal("26.00"), null, 11, false));
        commands.sendAndWait(new DeleteProduct(product, 11, false));

        List<Message> messages = messagesFor(product, 3);

        assertThat(messages).extracting(m -> m.getMessageProperties().getReceivedRoutingKey())
                .containsExactly("product.created", "product.updated", "product.deleted");
        Map<String, Long> sequences = sequencesByEventId(product);
        for (Message message : messages) {
            assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
            assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
            JsonNode body = JSON.readTree(message.getBody());
            assertThat(body.get("event").asString()).isEqualTo(message.getMessageProperties().getReceivedRoutingKey());
            assertThat(body.get("data").get("version").asLong()).as("version = the event's sequence number")
                    .isEqualTo(sequences.get(message.getMessageProperties().getMessageId()));
            assertThat(body.get("data").has("quantity")).as("stock is catalog's alone").isFalse();
        }
        JsonNode created = JSON.readTree(messages.get(0).getBody()).get("data");
        assertThat(created.get("product_id").asLong()).isEqualTo(product);
        assertThat(created.get("name").asString()).isEqualTo("Kettle");
        assertThat(created.get("price").decimalValue()).isEqualByComparingTo("24.50");
        assertThat(created.get("deleted").asBoolean()).isFalse();
        assertThat(created.get("version").asLong()).isZero();
        JsonNode updated = JSON.readTree(messages.get(1).getBody()).get("data");
        assertThat(updated.get("name").asString()).as("the whole new state").isEqualTo("Kettle");
        assertThat(updated.get("price").decimalValue()).isEqualByComparingTo("26.00");
        assertThat(updated.get("version").asLong()).as("after the stock reservation").isEqualTo(2);
        JsonNode deleted = JSON.readTree(messages.get(2).getBody()).get("data");
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        assertThat(deleted.get("version").asLong()).isEqualTo(3);
    }

    /** The product's messages on ordering's replica queue, in arrival order (bounded wait). */
    private List<Message> messagesFor(long product, int count) {
        List<Message> found = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (found.size() < count && System.nanoTime() < deadline) {
            Message message = ANSWERS.rabbit().receive(ANSWERS.messaging().orderingProductQueue(), 200);
            if (message != null && JSON.readTree(message.getBody()).get("data").get("product_id").asLong() == product) {
                found.add(message);
            }
        }
        return found;
    }

    private Map<String, Long> sequencesByEventId(long product) {
        Map<String, Long> sequences = new HashMap<>();
        jdbc.sql("SELECT eventidentifier, sequencenumber FROM domainevententry WHERE aggregateidentifier = ?")
                .param(String.valueOf(product))
                .query((row, n) -> sequences.put(row.getString(1), row.getLong(2))).list();
        return sequences;
    }

    private void awaitEvents(long product, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && jdbc.sql("SELECT count(*) FROM domainevententry WHERE "
                + "aggregateidentifier = ?").param(String.valueOf(product)).query(Long.class).single() < count) {
            sleep(100);
        }
    }

    private static Message orderCreated(long orderId, long productId) {
        byte[] body = JSON.writeValueAsBytes(OrderCreatedMessage.of(new OrderCreatedMessage.Data(orderId, 101,
                productId, "Kettle", 1, new BigDecimal("24.50"), new BigDecimal("24.50"), "pending", Instant.now())));
        return MessageBuilder.withBody(body).setContentType("application/json")
                .setMessageId(UUID.randomUUID().toString()).setDeliveryMode(MessageDeliveryMode.PERSISTENT).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
