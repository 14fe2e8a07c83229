package dev.eventcommerce.notification.messaging;

import static dev.eventcommerce.notification.messaging.NotificationServiceTestSupport.await;
import static dev.eventcommerce.notification.messaging.NotificationServiceTestSupport.messageId;
import static dev.eventcommerce.notification.messaging.NotificationServiceTestSupport.uniqueId;
import static dev.eventcommerce.notification.messaging.TestBroker.orderCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.notification.channel.Notification;
import dev.eventcommerce.notification.channel.NotificationChannel;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Order-created messages published to the real RabbitMQ (under this test's own names) are sent once,
 * recorded in the real PostgreSQL and listed by {@code GET /notifications} for their user only; bad
 * messages end in the dead-letter queue without holding up the ones behind them.
 */
@NotificationServiceTest
class OrderCreatedConsumerIT {

    static final TestBroker BROKER = new TestBroker();
    /** The channel refuses every notification to this user, as a broken mail server would. */
    static final long UNREACHABLE_USER = uniqueId();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BROKER.register(registry);
    }

    @AfterAll
    static void deleteTopology(@Autowired RabbitListenerEndpointRegistry listeners) {
        listeners.stop();
        BROKER.close();
    }

    /** The real log channel, with every attempt remembered, failing for {@link #UNREACHABLE_USER}. */
    static class RecordingChannel implements NotificationChannel {

        final ConcurrentLinkedQueue<Notification> attempts = new ConcurrentLinkedQueue<>();
        private final NotificationChannel channel;

        RecordingChannel(NotificationChannel channel) {
            this.channel = channel;
        }

        @Override
        public String name() {
            return channel.name();
        }

        @Override
        public void send(Notification notification) {
            attempts.add(notification);
            if (notification.userId() == UNREACHABLE_USER) {
                throw new IllegalStateException("user " + UNREACHABLE_USER + " cannot be reached");
            }
            channel.send(notification);
        }

        long attemptsFor(long orderId) {
            return attempts.stream().filter(n -> n.orderId() == orderId).count();
        }
    }

    @TestConfiguration
    static class Channels {

        @Bean
        @Primary
        RecordingChannel recordingChannel(@Qualifier("logNotificationChannel") NotificationChannel log) {
            return new RecordingChannel(log);
        }
    }

    @LocalServerPort
    int port;
    final TestTokens accessTokens = TestTokens.shared();
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    RecordingChannel channel;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void aPublishedOrderIsRecordedAndListedForItsUserOnly() {
        long user = uniqueId();
        long order = uniqueId();
        String id = messageId();

        BROKER.publish(id, orderCreated(order, user, "Widget", 2, "99.99"));

        List<JsonNode> mine = awaitNotifications(user, 1);
        assertThat(mine).hasSize(1);
        JsonNode notification = mine.get(0);
        assertThat(notification.get("id").asLong()).isPositive();
        assertThat(notification.get("order_id").asLong()).isEqualTo(order);
        assertThat(notification.get("user_id").asLong()).isEqualTo(user);
        assertThat(notification.get("channel").asString()).isEqualTo("log");
        assertThat(notification.get("status").asString()).isEqualTo("sent");
        assertThat(notification.get("message").asString()).contains("#" + order, "2 x Widget", "total 199.98");
        assertThat(notification.get("created_at").asString()).isNotBlank();
        assertThat(channel.attemptsFor(order)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT message_id FROM notifications WHERE order_id = ?").param(order)
                .query(String.class).list()).containsExactly(id);

        ApiClient.Response someoneElse = api.get("/notifications", token(user + 1));
        assertThat(someoneElse.status()).isEqualTo(200);
        assertThat(someoneElse.json().isArray()).isTrue();
        assertThat(someoneElse.json().size()).isZero();
    }

    @Test
    void listingNeedsAToken() {
        ApiClient.Response anonymous = api.get("/notifications", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/notifications", "not-a-token").status()).isEqualTo(401);
    }

    @Test
    void aMessageDeliveredTwiceIsSentAndRecordedOnce() {
        long user = uniqueId();
        long order = uniqueId();
        String id = messageId();
        String body = orderCreated(order, user, "Widget", 1, "5.00");
        double duplicatesBefore = received("duplicate");

        BROKER.publish(id, body);
        BROKER.publish(id, body);

        assertThat(await(Duration.ofSeconds(15), () -> received("duplicate") >= duplicatesBefore + 1))
                .as("the second delivery was recognised as a duplicate").isTrue();
        assertThat(awaitNotifications(user, 1)).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM notifications WHERE message_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(channel.attemptsFor(order)).as("sent once").isEqualTo(1);
    }

    @Test
    void unreadableMessagesAreDeadLetteredAtOnceAndTheQueueMovesOn() {
        long user = uniqueId();
        long withoutId = uniqueId();
        long order = uniqueId();
        String garbage = "not json at all " + messageId();
        String wrongShape = "{\"event\":\"order.created\",\"order\":{\"id\":" + uniqueId() + "}}";
        String noMessageId = orderCreated(withoutId, user, "Gadget", 1, "1.00");
        long rowsBefore = rows();
        double deadLetteredBefore = received("dead_lettered");

        BROKER.publish(messageId(), garbage);
        BROKER.publish(messageId(), wrongShape);
        BROKER.publish(null, noMessageId);
        BROKER.publish(messageId(), orderCreated(order, user, "Gadget", 3, "2.50"));

        List<JsonNode> recorded = awaitNotifications(user, 1);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).get("order_id").asLong()).isEqualTo(order);
        List<String> deadLetters = new ArrayList<>();
        assertThat(await(Duration.ofSeconds(15), () -> {
            deadLetters.addAll(BROKER.takeDeadLetters());
            return deadLetters.size() >= 3;
        })).as("dead letters " + deadLetters).isTrue();
        assertThat(deadLetters).containsExactlyInAnyOrder(garbage, wrongShape, noMessageId);
        assertThat(await(Duration.ofSeconds(5), () -> received("dead_lettered") == deadLetteredBefore + 3)).isTrue();
        assertThat(rows()).isEqualTo(rowsBefore + 1);
        assertThat(BROKER.ready(BROKER.queue)).isZero();
    }

    @Test
    void aMessageThatKeepsFailingIsDeadLetteredAfterThreeAttemptsAndNothingIsRecorded() {
        long failing = uniqueId();
        long user = uniqueId();
        long order = uniqueId();
        String failingBody = orderCreated(failing, UNREACHABLE_USER, "Gizmo", 1, "3.00");

        BROKER.publish(messageId(), failingBody);
        BROKER.publish(messageId(), orderCreated(order, user, "Gizmo", 1, "3.00"));

        assertThat(awaitNotifications(user, 1)).hasSize(1);
        List<Message> deadLetters = new ArrayList<>();
        assertThat(await(Duration.ofSeconds(15), () -> {
            deadLetters.addAll(BROKER.takeDeadLetterMessages());
            return !deadLetters.isEmpty();
        })).isTrue();
        assertThat(deadLetters).extracting(message -> new String(message.getBody(), StandardCharsets.UTF_8))
                .containsExactly(failingBody);
        assertThat(deadLetters.get(0).getMessageProperties().getHeaders())
                .as("why and where it failed").containsEntry("x-original-queue", BROKER.queue)
                .containsKeys("x-exception-message", "x-dead-lettered-at").doesNotContainKey("x-exception-stacktrace");
        assertThat(channel.attemptsFor(failing)).as("bounded attempts").isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM notifications WHERE order_id = ?").param(failing)
                .query(Long.class).single()).as("a failed send leaves no row").isZero();
    }

    @Test
    void notificationsAreListedNewestFirstInPages() {
        long user = uniqueId();
        List<Long> orders = List.of(uniqueId(), uniqueId(), uniqueId());
        for (int i = 0; i < orders.size(); i++) {
            BROKER.publish(messageId(), orderCreated(orders.get(i), user, "Item", 1, "1.00"));
            assertThat(awaitNotifications(user, i + 1)).hasSize(i + 1);
        }
        String token = token(user);

        assertThat(orderIds(api.get("/notifications", token))).containsExactly(orders.get(2), orders.get(1), orders.get(0));
        assertThat(orderIds(api.get("/notifications?limit=2", token))).containsExactly(orders.get(2), orders.get(1));
        assertThat(orderIds(api.get("/notifications?skip=2&limit=2", token))).containsExactly(orders.get(0));
        for (String bad : Set.of("limit=0", "limit=101", "skip=-1")) {
            ApiClient.Response refused = api.get("/notifications?" + bad, token);
            assertThat(refused.status()).as(bad).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get("/notifications?limit=abc", token).status()).isEqualTo(400);
    }

    @Test
    void healthShowsRabbitMqAndTheDatabaseConnectedAndMetricsCountOutcomes() {
        ApiClient.Response health = api.get("/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("service").asString()).isEqualTo("notification-service");
        assertThat(health.json().get("rabbitmq").asString()).isEqualTo("connected");
        assertThat(health.json().get("database").asString()).isEqualTo("connected");
        assertThat(api.get("/metrics", null).body())
                .contains("notifications_received_total{", "outcome=\"recorded\"", "outcome=\"dead_lettered\"");
    }

    private List<JsonNode> awaitNotifications(long user, int count) {
        String token = token(user);
        List<JsonNode> found = new ArrayList<>();
        await(Duration.ofSeconds(15), () -> {
            found.clear();
            api.get("/notifications", token).json().forEach(found::add);
            return found.size() >= count;
        });
        return found;
    }

    private static List<Long> orderIds(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return StreamSupport.stream(response.json().spliterator(), false)
                .map(notification -> notification.get("order_id").asLong()).toList();
    }

    private String token(long user) {
        return accessTokens.issue(user, "user" + user, List.of("user")).token();
    }

    private long rows() {
        return jdbc.sql("SELECT count(*) FROM notifications").query(Long.class).single();
    }

    private double received(String outcome) {
        return meters.get("notifications.received").tag("outcome", outcome).counter().count();
    }
}
