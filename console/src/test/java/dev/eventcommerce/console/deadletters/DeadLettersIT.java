package dev.eventcommerce.console.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.console.ConsoleBrowser;
import dev.eventcommerce.console.ConsoleTest;
import dev.eventcommerce.console.ConsoleTestServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ConsoleTest
class DeadLettersIT {

    private static final CachingConnectionFactory CONNECTIONS = new CachingConnectionFactory("127.0.0.1", 5672);
    private static final RabbitTemplate RABBIT = new RabbitTemplate(CONNECTIONS);

    @LocalServerPort
    int port;

    private ConsoleBrowser browser;

    @BeforeEach
    void logIn() {
        ConsoleTestServices.USER.resetAll();
        browser = new ConsoleBrowser(port).loggedInAsAdmin();
    }

    @AfterAll
    static void close() {
        CONNECTIONS.destroy();
    }

    @Test
    void aDeadLetterIsStoredOnceAndRetriedOnceToItsOriginalQueueWithItsMessageId() {
        String original = ConsoleTestServices.MESSAGING.notificationQueue();
        String messageId = UUID.randomUUID().toString();
        String body = "{\"order_id\":" + System.nanoTime() + "}";
        long deadAt = System.currentTimeMillis() - 60_000;
        // delivered twice (the console crashed before its acknowledgement, say): one row
        plant(original, messageId, body, deadAt);
        plant(original, messageId, body, deadAt);

        JsonNode letter = awaitLetter(original + ".dlq", messageId);
        assertThat(letter.get("status").asString()).isEqualTo("dead");
        assertThat(letter.get("original_queue").asString()).isEqualTo(original);
        assertThat(letter.get("reason").asString()).isEqualTo("Order 5 cannot be read");
        assertThat(letter.get("body").asString()).isEqualTo(body);
        assertThat(letter.get("headers").get("x-original-exchange").asString()).isEqualTo("order_events");
        assertThat(letter.get("dead_lettered_at").asString()).isNotBlank();
        pause(Duration.ofSeconds(1));
        assertThat(lettersWith(original + ".dlq", messageId)).hasSize(1);

        ConsoleBrowser.Response retry = browser.post("/console/api/dead-letters/" + letter.get("id").asLong() + "/retry", null);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("status").asString()).isEqualTo("retried");
        assertThat(retry.json().get("acted_by").asString()).isEqualTo("admin");
        Message resent = RABBIT.receive(original, 5000);
        assertThat(resent).isNotNull();
        assertThat(resent.getMessageProperties().getMessageId()).isEqualTo(messageId);
        assertThat(new String(resent.getBody(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(resent.getMessageProperties().getHeaders()).doesNotContainKeys("x-exception-message", "x-death");

        ConsoleBrowser.Response again = browser.post("/console/api/dead-letters/" + letter.get("id").asLong() + "/retry", null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(RABBIT.receive(original, 500)).isNull();
    }

    @Test
    void aDiscardedDeadLetterKeepsWhoDiscardedItAndWhyAndCannotBeRetried() {
        String original = ConsoleTestServices.MESSAGING.catalogStockQueue();
        String messageId = UUID.randomUUID().toString();
        plant(original, messageId, "{}", System.currentTimeMillis());
        long id = awaitLetter(original + ".dlq", messageId).get("id").asLong();

        assertThat(browser.post("/console/api/dead-letters/" + id + "/discard", "{\"reason\":\"  \"}").status())
                .isIn(400, 422);
        ConsoleBrowser.Response discard = browser.post("/console/api/dead-letters/" + id + "/discard",
                "{\"reason\":\"test order, product deleted\"}");

        assertThat(discard.status()).isEqualTo(200);
        assertThat(discard.json().get("status").asString()).isEqualTo("discarded");
        assertThat(discard.json().get("acted_by").asString()).isEqualTo("admin");
        assertThat(discard.json().get("discard_reason").asString()).isEqualTo("test order, product deleted");
        assertThat(discard.json().get("acted_at").asString()).isNotBlank();
        assertThat(browser.post("/console/api/dead-letters/" + id + "/retry", null).status()).isEqualTo(409);
        assertThat(browser.post("/console/api/dead-letters/" + id + "/discard", "{\"reason\":\"again\"}").status())
                .isEqualTo(409);
        assertThat(RABBIT.receive(original, 500)).isNull();
    }

    @Test
    void aMessageRabbitMqDeadLetteredItselfIsReadFromItsXDeathHeader() {
        String dlq = ConsoleTestServices.MESSAGING.orderingProductQueue() + ".dlq";
        String rejecting = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".rejecting";
        RabbitAdmin admin = new RabbitAdmin(CONNECTIONS);
        admin.declareQueue(QueueBuilder.durable(rejecting).expires(600_000)
                .deadLetterExchange("").deadLetterRoutingKey(dlq).build());
        String messageId = UUID.randomUUID().toString();
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        properties.setContentType("application/json");
        RABBIT.send("", rejecting, new Message("{\"x\":1}".getBytes(StandardCharsets.UTF_8), properties));
        RABBIT.execute(channel -> {
            var delivery = channel.basicGet(rejecting, false);
            channel.basicReject(delivery.getEnvelope().getDeliveryTag(), false);
            return null;
        });

        JsonNode letter = awaitLetter(dlq, messageId);

        assertThat(letter.get("original_queue").asString()).isEqualTo(rejecting);
        assertThat(letter.get("reason").asString()).isEqualTo("rejected");
        assertThat(letter.get("dead_lettered_at").isNull()).isFalse();
        assertThat(browser.post("/console/api/dead-letters/" + letter.get("id").asLong() + "/retry", null).status())
                .isEqualTo(200);
        assertThat(RABBIT.receive(rejecting, 5000).getMessageProperties().getMessageId()).isEqualTo(messageId);
        admin.deleteQueue(rejecting);
    }

    @Test
    void retryAllSendsBackEveryDeadLetterOfAQueueStillDead() {
        String original = ConsoleTestServices.MESSAGING.orderingReplyQueue();
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        ids.forEach(id -> plant(original, id, "{}", System.currentTimeMillis()));
        ids.forEach(id -> awaitLetter(original + ".dlq", id));

        ConsoleBrowser.Response all = browser.post("/console/api/dead-letter-queues/" + original + ".dlq/retry-all", null);

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("retried").asInt()).isGreaterThanOrEqualTo(2);
        List<String> received = new ArrayList<>();
        for (Message message = RABBIT.receive(original, 2000); message != null; message = RABBIT.receive(original, 500)) {
            received.add(message.getMessageProperties().getMessageId());
        }
        assertThat(received).containsAll(ids);
        assertThat(browser.get("/console/api/dead-letters").json().get("queues").valueStream()
                .filter(queue -> queue.get("queue").asString().equals(original + ".dlq"))
                .findFirst().orElseThrow().get("count").asLong()).isZero();
        assertThat(browser.post("/console/api/dead-letter-queues/no-such.dlq/retry-all", null).status()).isEqualTo(404);
        assertThat(browser.get("/actuator/prometheus").body())
                .contains("console_dead_letters{queue=\"" + original + ".dlq\"} 0.0");
    }

    /** A message as the platform's consumers dead-letter it, put straight into the dead-letter queue. */
    private static void plant(String originalQueue, String messageId, String body, long deadLetteredAt) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        properties.setContentType("application/json");
        properties.setType("OrderCreated");
        properties.setHeaders(Map.of("x-exception-message", "Order 5 cannot be read", "x-original-queue", originalQueue,
                "x-original-exchange", "order_events", "x-original-routing-key", "order.created",
                "x-dead-lettered-at", deadLetteredAt));
        RABBIT.send("", originalQueue + ".dlq", new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }

    private JsonNode awaitLetter(String queue, String messageId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> found = lettersWith(queue, messageId);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            pause(Duration.ofMillis(200));
        }
        throw new AssertionError("dead letter " + messageId + " of " + queue + " not shown within 15 s");
    }

    private List<JsonNode> lettersWith(String queue, String messageId) {
        JsonNode queues = browser.get("/console/api/dead-letters").json().get("queues");
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode each : queues) {
            if (each.get("queue").asString().equals(queue)) {
                each.get("messages").forEach(message -> {
                    if (messageId.equals(message.get("message_id").asString())) {
                        found.add(message);
                    }
                });
            }
        }
        return found;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
