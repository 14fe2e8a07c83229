package dev.eventcommerce.console.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventcommerce.console.ConsoleBrowser;
import dev.eventcommerce.console.ConsoleTest;
import dev.eventcommerce.console.ConsoleTestServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ConsoleTest
class DeadLettersIT {

    private static final CachingConnectionFactory CONNECTIONS = new CachingConnectionFactory("127.0.0.1", 5672);
    private static final RabbitTemplate RABBIT = new RabbitTemplate(CONNECTIONS);

    @LocalServerPort
    int port;

    /** The console's, behind the {@link ConsoleTestServices#RABBITMQ} proxy (RABBIT and CONNECTIONS are not). */
    @Autowired
    RabbitTemplate consoleRabbit;

    @Autowired
    ConnectionFactory consoleConnections;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    private ConsoleBrowser browser;

    @BeforeEach
    void logIn() {
        ConsoleTestServices.USER.resetAll();
        browser = new ConsoleBrowser(port).loggedInAsAdmin();
    }

    /** Whatever a test did to the console's RabbitMQ, the next one finds it back, the drain consuming again. */
    @AfterEach
    void rabbitMqBack() {
        ConsoleTestServices.RABBITMQ.release();
        ConsoleTestServices.RABBITMQ.restore();
        RabbitAdmin admin = new RabbitAdmin(CONNECTIONS);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String queue : ConsoleTestServices.deadLetterQueues().values()) {
            while (admin.getQueueInfo(queue) == null || admin.getQueueInfo(queue).getConsumerCount() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the console's drain does not consume " + queue + " again within 60 s");
                }
                pause(Duration.ofMillis(200));
            }
        }
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
        assertThat(resent.getMessageProperties().getHeaders()).doesNotContainKeys("x-exception-message",
                "x-exception-type", "x-original-queue", "x-original-exchange", "x-original-routing-key",
                "x-dead-lettered-at", "x-death").containsEntry("x-tenant", "shop-1");

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
        // observability's common tags (instance, service) sit around the queue's
        assertThat(browser.get("/actuator/prometheus").body())
                .containsPattern("console_dead_letters\\{[^}]*queue=\"" + Pattern.quote(original + ".dlq") + "\"[^}]*} 0\\.0");
    }

    @Test
    void aRetryHoldsNoDatabaseConnectionWhileRabbitMqIsSlowAndAConcurrentRetryIsRefusedAtOnce() throws Exception {
        String original = ConsoleTestServices.MESSAGING.notificationQueue();
        String messageId = UUID.randomUUID().toString();
        plant(original, messageId, "{\"slow\":true}", System.currentTimeMillis());
        long id = awaitLetter(original + ".dlq", messageId).get("id").asLong();

        CompletableFuture<ConsoleBrowser.Response> first;
        ConsoleTestServices.RABBITMQ.hold();
        try {
            first = CompletableFuture.supplyAsync(() -> browser.post("/console/api/dead-letters/" + id + "/retry", null));
            JsonNode retrying = awaitStatus(original + ".dlq", messageId, "retrying");
            // while RabbitMQ is slow: no connection held, the row shows retrying, a second retry is refused at once
            assertThat(((HikariDataSource) dataSource).getHikariPoolMXBean().getActiveConnections()).isZero();
            assertThat(retrying.get("acted_by").asString()).isEqualTo("admin");
            long before = System.nanoTime();
            ConsoleBrowser.Response second = browser.post("/console/api/dead-letters/" + id + "/retry", null);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.json().get("detail").asString()).contains("being retried by admin");
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
            assertThat(first).isNotDone();
        } finally {
            ConsoleTestServices.RABBITMQ.release();
        }

        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(lettersWith(original + ".dlq", messageId).get(0).get("status").asString()).isEqualTo("retried");
        assertThat(RABBIT.receive(original, 10_000).getMessageProperties().getMessageId()).isEqualTo(messageId);
        assertThat(RABBIT.receive(original, 500)).isNull();
    }

    @Test
    void aRetryRabbitMqDoesNotConfirmIsUnconfirmedAndRetriedAgainOnlyExplicitly() throws Exception {
        String original = ConsoleTestServices.MESSAGING.notificationQueue();
        String messageId = UUID.randomUUID().toString();
        plant(original, messageId, "{\"unconfirmed\":true}", System.currentTimeMillis());
        long id = awaitLetter(original + ".dlq", messageId).get("id").asLong();
        // a channel open before the hold, so that the retry waits for its confirm, not for a channel
        consoleRabbit.execute(channel -> channel.isOpen());

        ConsoleBrowser.Response retry;
        ConsoleTestServices.RABBITMQ.hold();
        try {
            // published into the held connection: RabbitMQ gets it, and confirms it, only after the console gave up
            retry = CompletableFuture.supplyAsync(() -> browser.post("/console/api/dead-letters/" + id + "/retry", null))
                    .get(ConsoleTestServices.CONFIRM_TIMEOUT.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
        } finally {
            ConsoleTestServices.RABBITMQ.release();
        }

        assertThat(retry.status()).isEqualTo(504);
        assertThat(retry.header("Content-Type")).startsWith("application/problem+json");
        assertThat(retry.json().get("detail").asString()).contains("may have been delivered; check before retrying");
        JsonNode letter = lettersWith(original + ".dlq", messageId).get(0);
        assertThat(letter.get("status").asString()).isEqualTo("unconfirmed");
        assertThat(letter.get("retry_detail").asString()).contains("may have been delivered");
        // it was: the late confirm changes nothing
        assertThat(RABBIT.receive(original, 10_000).getMessageProperties().getMessageId()).isEqualTo(messageId);

        ConsoleBrowser.Response again = browser.post("/console/api/dead-letters/" + id + "/retry", null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("not confirmed").contains("retry it as unconfirmed");
        assertThat(RABBIT.receive(original, 500)).isNull();
        assertThat(lettersWith(original + ".dlq", messageId).get(0).get("status").asString()).isEqualTo("unconfirmed");

        ConsoleBrowser.Response anyway = browser.post("/console/api/dead-letters/" + id + "/retry?unconfirmed=true", null);

        assertThat(anyway.status()).isEqualTo(200);
        assertThat(anyway.json().get("status").asString()).isEqualTo("retried");
        assertThat(RABBIT.receive(original, 10_000).getMessageProperties().getMessageId()).isEqualTo(messageId);
        assertThat(RABBIT.receive(original, 500)).isNull();
        assertThat(browser.post("/console/api/dead-letters/" + id + "/retry?unconfirmed=true", null).status())
                .isEqualTo(409);
    }

    @Test
    void aRetryLeftRetryingByAStoppedConsoleCountsAsUnconfirmed() {
        String original = ConsoleTestServices.MESSAGING.catalogStockQueue();
        String messageId = UUID.randomUUID().toString();
        plant(original, messageId, "{}", System.currentTimeMillis());
        long id = awaitLetter(original + ".dlq", messageId).get("id").asLong();
        jdbc.sql("UPDATE dead_letter SET status = 'retrying', acted_by = 'admin', acted_at = now() - interval '6 minutes' "
                + "WHERE id = ?").param(id).update();

        JsonNode letter = lettersWith(original + ".dlq", messageId).get(0);

        assertThat(letter.get("status").asString()).isEqualTo("unconfirmed");
        assertThat(letter.get("retry_detail").asString()).contains("never ended");
        assertThat(browser.post("/console/api/dead-letters/" + id + "/retry", null).status()).isEqualTo(409);
        assertThat(browser.post("/console/api/dead-letters/" + id + "/discard", "{\"reason\":\"it was delivered\"}")
                .json().get("status").asString()).isEqualTo("discarded");
        assertThat(RABBIT.receive(original, 500)).isNull();
    }

    @Test
    void aMessageWithoutAMessageIdIsRetriedWithItsStoredOne() {
        String original = ConsoleTestServices.MESSAGING.notificationQueue();
        String body = "{\"no_id\":" + System.nanoTime() + "}";
        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        properties.setHeaders(Map.of("x-original-queue", original, "x-exception-message", "no id"));
        RABBIT.send("", original + ".dlq", new Message(body.getBytes(StandardCharsets.UTF_8), properties));
        JsonNode letter = awaitLetterWithBody(original + ".dlq", body);
        String stored = letter.get("message_id").asString();
        assertThat(stored).startsWith("sha256:");

        assertThat(browser.post("/console/api/dead-letters/" + letter.get("id").asLong() + "/retry", null).status())
                .isEqualTo(200);

        assertThat(RABBIT.receive(original, 5000).getMessageProperties().getMessageId()).isEqualTo(stored);
    }

    @Test
    void aDeadLetterWhoseQueueIsGoneIsRefusedAsAConflictToDiscardItNotAsUnavailable() {
        String dlq = ConsoleTestServices.MESSAGING.orderingProductQueue() + ".dlq";
        String gone = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".gone";
        RabbitAdmin admin = new RabbitAdmin(CONNECTIONS);
        admin.declareQueue(QueueBuilder.durable(gone).expires(600_000).build());
        String messageId = UUID.randomUUID().toString();
        plant(dlq, gone, messageId, "{}".getBytes(StandardCharsets.UTF_8), System.currentTimeMillis(), Map.of());
        long id = awaitLetter(dlq, messageId).get("id").asLong();
        admin.deleteQueue(gone);

        ConsoleBrowser.Response retry = browser.post("/console/api/dead-letters/" + id + "/retry", null);

        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.header("Content-Type")).startsWith("application/problem+json");
        assertThat(retry.json().get("detail").asString()).contains("no longer exists: discard it");
        JsonNode letter = lettersWith(dlq, messageId).get(0);
        assertThat(letter.get("status").asString()).isEqualTo("dead");
        assertThat(letter.get("retry_detail").asString()).contains("no longer exists");
        assertThat(browser.post("/console/api/dead-letters/" + id + "/discard", "{\"reason\":\"its queue is gone\"}")
                .status()).isEqualTo(200);
    }

    @Test
    void retryAllStopsAtTheFirstBrokerUnreachableFailureAndSaysWhy() {
        String original = ConsoleTestServices.MESSAGING.catalogStockQueue();
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        ids.forEach(id -> plant(original, id, "{}", System.currentTimeMillis()));
        ids.forEach(id -> awaitLetter(original + ".dlq", id));

        ConsoleBrowser.Response all;
        ConsoleTestServices.RABBITMQ.cut();
        try {
            awaitConsoleDisconnected();
            all = browser.post("/console/api/dead-letter-queues/" + original + ".dlq/retry-all", null);
        } finally {
            ConsoleTestServices.RABBITMQ.restore();
        }

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("retried").asInt()).isZero();
        assertThat(all.json().get("failed").asInt()).isEqualTo(1);
        assertThat(all.json().get("stopped").asBoolean()).isTrue();
        assertThat(all.json().get("left").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(all.json().get("first_failure").asString()).contains("RabbitMQ cannot be reached");
        ids.forEach(id -> assertThat(lettersWith(original + ".dlq", id).get(0).get("status").asString())
                .isEqualTo("dead"));
        assertThat(RABBIT.receive(original, 500)).isNull();

        ConsoleBrowser.Response later = browser.post("/console/api/dead-letter-queues/" + original + ".dlq/retry-all", null);

        assertThat(later.json().get("retried").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(later.json().get("left").asLong()).isZero();
        new RabbitAdmin(CONNECTIONS).purgeQueue(original, false);
    }

    @Test
    void retryAllSendsAtMostFiveHundredAndSaysHowManyAreLeft() {
        String original = ConsoleTestServices.MESSAGING.orderingProductQueue();
        String batch = UUID.randomUUID().toString();
        for (int i = 0; i <= 500; i++) {
            plant(original, batch + "-" + i, "{}", System.currentTimeMillis());
        }
        awaitLetterCount(batch, 501);

        ConsoleBrowser.Response all = browser.post("/console/api/dead-letter-queues/" + original + ".dlq/retry-all", null);

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("retried").asInt()).isEqualTo(500);
        assertThat(all.json().get("left").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(all.json().get("stopped").asBoolean()).isFalse();
        assertThat(browser.post("/console/api/dead-letter-queues/" + original + ".dlq/retry-all", null).json()
                .get("left").asLong()).isZero();
        new RabbitAdmin(CONNECTIONS).purgeQueue(original, false);
    }

    @Test
    void aDeadLetterPostgreSqlRefusesAsItIsIsStoredWithoutItsNulCharactersAndDoesNotBlockTheOnesBehindIt() {
        String original = ConsoleTestServices.MESSAGING.notificationQueue();
        String dlq = original + ".dlq";
        String withNul = UUID.randomUUID().toString();
        String behind = UUID.randomUUID().toString();
        plant(dlq, original, withNul, "{}".getBytes(StandardCharsets.UTF_8), System.currentTimeMillis(),
                Map.of("x-exception-message", "bad\u0000reason", "x-tenant", "a\u0000b"));
        plant(original, behind, "{}", System.currentTimeMillis());

        JsonNode stored = awaitLetter(dlq, withNul);

        assertThat(stored.get("reason").asString()).isEqualTo("badreason");
        assertThat(stored.get("headers").get("x-tenant").asString()).isEqualTo("ab");
        awaitLetter(dlq, behind);
        assertThat(new RabbitAdmin(CONNECTIONS).getQueueInfo(dlq).getMessageCount()).isZero();
        pause(Duration.ofSeconds(2));
        assertThat(lettersWith(dlq, withNul)).hasSize(1);
        assertThat(new RabbitAdmin(CONNECTIONS).getQueueInfo(dlq).getMessageCount()).isZero();
    }

    @Test
    void theListShowsTheBeginningOfALongBodyAndOneLetterHasItWhole() {
        String original = ConsoleTestServices.MESSAGING.catalogStockQueue();
        String messageId = UUID.randomUUID().toString();
        String body = "{\"text\":\"" + "é".repeat(3000) + "\"}";
        plant(original, messageId, body, System.currentTimeMillis());

        JsonNode listed = awaitLetter(original + ".dlq", messageId);

        int size = body.getBytes(StandardCharsets.UTF_8).length;
        assertThat(listed.get("body_truncated").asBoolean()).isTrue();
        assertThat(listed.get("body_size").asLong()).isEqualTo(size);
        assertThat(body).startsWith(listed.get("body").asString());
        assertThat(listed.get("body").asString().getBytes(StandardCharsets.UTF_8).length).isBetween(2046, 2048);
        ConsoleBrowser.Response one = browser.get("/console/api/dead-letters/" + listed.get("id").asLong());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("body").asString()).isEqualTo(body);
        assertThat(one.json().get("body_truncated").asBoolean()).isFalse();
        ConsoleBrowser.Response unknown = browser.get("/console/api/dead-letters/" + Long.MAX_VALUE);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(browser.get("/console/api/dead-letters/not-a-number").status()).isEqualTo(400);
    }

    /** A message as the platform's consumers dead-letter it, put straight into the dead-letter queue. */
    private static void plant(String originalQueue, String messageId, String body, long deadLetteredAt) {
        plant(originalQueue + ".dlq", originalQueue, messageId, body.getBytes(StandardCharsets.UTF_8), deadLetteredAt,
                Map.of());
    }

    private static void plant(String deadLetterQueue, String originalQueue, String messageId, byte[] body,
                              long deadLetteredAt, Map<String, Object> moreHeaders) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        properties.setContentType("application/json");
        properties.setType("OrderCreated");
        Map<String, Object> headers = new HashMap<>(Map.of("x-exception-message", "Order 5 cannot be read",
                "x-exception-type", "java.lang.IllegalStateException", "x-original-queue", originalQueue,
                "x-original-exchange", "order_events", "x-original-routing-key", "order.created",
                "x-dead-lettered-at", deadLetteredAt, "x-tenant", "shop-1"));
        headers.putAll(moreHeaders);
        properties.setHeaders(headers);
        RABBIT.send("", deadLetterQueue, new Message(body, properties));
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

    private JsonNode awaitStatus(String queue, String messageId, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> found = lettersWith(queue, messageId);
            if (!found.isEmpty() && status.equals(found.get(0).get("status").asString())) {
                return found.get(0);
            }
            pause(Duration.ofMillis(50));
        }
        throw new AssertionError("dead letter " + messageId + " of " + queue + " not " + status + " within 15 s");
    }

    /** Until the console has seen its RabbitMQ connection go (a cut proxy refuses the new one it tries). */
    private void awaitConsoleDisconnected() {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Connection connection = consoleConnections.createConnection();
                if (!connection.isOpen()) {
                    return;
                }
            } catch (AmqpException refused) {
                return;
            }
            pause(Duration.ofMillis(50));
        }
        throw new AssertionError("the console still sees its RabbitMQ connection open 15 s after the cut");
    }

    private JsonNode awaitLetterWithBody(String queue, String body) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode each : browser.get("/console/api/dead-letters").json().get("queues")) {
                if (each.get("queue").asString().equals(queue)) {
                    for (JsonNode message : each.get("messages")) {
                        if (body.equals(message.get("body").asString())) {
                            return message;
                        }
                    }
                }
            }
            pause(Duration.ofMillis(200));
        }
        throw new AssertionError("dead letter with body " + body + " of " + queue + " not shown within 15 s");
    }

    private void awaitLetterCount(String messageIdPrefix, long count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jdbc.sql("SELECT count(*) FROM dead_letter WHERE message_id LIKE ?").param(messageIdPrefix + "-%")
                .query(Long.class).single() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " dead letters " + messageIdPrefix + "-* not stored within 60 s");
            }
            pause(Duration.ofMillis(200));
        }
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
