package dev.eventcommerce.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.TestMessaging;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;

/**
 * A message given up on reaches its queue's dead-letter queue with why and where it failed in its headers, and
 * everything else it had; one whose dead letter the broker does not take stays in its queue. On the real broker.
 */
class DeadLetterPublisherIT {

    private static final String PREFIX = TestMessaging.PREFIX + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final String EXCHANGE = PREFIX + "events";
    private static final String QUEUE = PREFIX + "consumer";
    private static final String DEAD_LETTER_EXCHANGE = PREFIX + "events.dlx";
    private static final String DEAD_LETTER_QUEUE = QUEUE + ".dlq";
    private static final String FAILING = "thing.failing";
    private static final String UNREADABLE = "thing.unreadable";

    private static final CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
    private static final RabbitAdmin admin = new RabbitAdmin(connections);
    private static final RabbitTemplate rabbit = new RabbitTemplate(connections);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private SimpleMessageListenerContainer container;

    @BeforeAll
    static void declare() {
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        for (Declarable declarable : ConsumerQueue.declare(EXCHANGE, QUEUE, DEAD_LETTER_EXCHANGE, DEAD_LETTER_QUEUE,
                FAILING, UNREADABLE).getDeclarables()) {
            declare(declarable);
        }
    }

    private static void declare(Declarable declarable) {
        if (declarable instanceof Exchange exchange) {
            admin.declareExchange(exchange);
        } else if (declarable instanceof Queue queue) {
            admin.declareQueue(queue);
        } else {
            admin.declareBinding((Binding) declarable);
        }
    }

    @AfterAll
    static void delete() {
        admin.deleteQueue(QUEUE);
        admin.deleteQueue(DEAD_LETTER_QUEUE);
        admin.deleteExchange(EXCHANGE);
        admin.deleteExchange(DEAD_LETTER_EXCHANGE);
        connections.destroy();
    }

    @BeforeEach
    void listen() {
        RetryingListenerContainerFactory factory = new RetryingListenerContainerFactory(
                new SimpleRabbitListenerContainerFactoryConfigurer(new RabbitProperties()), connections,
                new RetryingListenerContainerFactory.Settings(3, Duration.ofMillis(10), Duration.ofMillis(20),
                        Duration.ofSeconds(1)),
                DEAD_LETTER_EXCHANGE, failure -> false, meters, "things.received");
        SimpleRabbitListenerEndpoint endpoint = new SimpleRabbitListenerEndpoint();
        endpoint.setId(PREFIX + UUID.randomUUID());
        endpoint.setQueueNames(QUEUE);
        endpoint.setMessageListener((MessageListener) message -> {
            attempts.computeIfAbsent(message.getMessageProperties().getMessageId(), id -> new AtomicInteger())
                    .incrementAndGet();
            if (UNREADABLE.equals(message.getMessageProperties().getReceivedRoutingKey())) {
                throw new UnreadableMessageException("not a thing: " + new String(message.getBody(),
                        StandardCharsets.UTF_8));
            }
            throw new IllegalStateException("the thing broke: " + "x".repeat(3000));
        });
        container = factory.createListenerContainer(endpoint);
        container.afterPropertiesSet();
        container.start();
    }

    @AfterEach
    void stop() {
        container.stop();
        admin.purgeQueue(QUEUE);
        admin.purgeQueue(DEAD_LETTER_QUEUE);
    }

    @Test
    void aMessageThatKeepsFailingIsDeadLetteredWithWhyAndWhereItFailedAndEverythingItHad() throws InterruptedException {
        long before = System.currentTimeMillis();
        publish("m-1", FAILING, "{\"thing\":1}");

        Message dead = deadLetter();
        long after = System.currentTimeMillis();

        assertThat(attempts.get("m-1")).hasValue(3);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"thing\":1}");
        MessageProperties properties = dead.getMessageProperties();
        assertThat(properties.getMessageId()).isEqualTo("m-1");
        assertThat(properties.getContentType()).isEqualTo(MessageProperties.CONTENT_TYPE_JSON);
        Map<String, Object> headers = properties.getHeaders();
        assertThat(headers).containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .containsEntry("x-original-queue", QUEUE)
                .containsEntry("x-original-exchange", EXCHANGE)
                .containsEntry("x-original-routing-key", FAILING)
                .containsEntry("x-exception-type", IllegalStateException.class.getName())
                .doesNotContainKeys("x-exception-stacktrace", "x-original-routingKey");
        assertThat((String) headers.get("x-exception-message")).startsWith("the thing broke: xxx").hasSize(1000);
        assertThat((Long) headers.get("x-dead-lettered-at")).isBetween(before, after);
        assertThat(deadLetteredCountOnceItIs(1)).isEqualTo(1);
    }

    @Test
    void anUnreadableMessageIsDeadLetteredAtOnceWithItsReason() {
        publish("m-2", UNREADABLE, "garbage");

        Message dead = deadLetter();

        assertThat(attempts.get("m-2")).hasValue(1);
        assertThat(dead.getMessageProperties().getHeaders())
                .containsEntry("x-exception-message", "not a thing: garbage")
                .containsEntry("x-exception-type", UnreadableMessageException.class.getName())
                .containsEntry("x-original-routing-key", UNREADABLE);
    }

    @Test
    void aMessageWhoseDeadLetterTheBrokerRefusesStaysInItsQueueUntilItIsTaken() throws InterruptedException {
        admin.deleteExchange(DEAD_LETTER_EXCHANGE);
        publish("m-3", UNREADABLE, "garbage");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (attempts.getOrDefault("m-3", new AtomicInteger()).get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        container.stop();
        DirectExchange deadLetters = new DirectExchange(DEAD_LETTER_EXCHANGE, true, false);
        admin.declareExchange(deadLetters);
        admin.declareBinding(BindingBuilder.bind(new Queue(DEAD_LETTER_QUEUE)).to(deadLetters).with(QUEUE));

        assertThat(attempts.get("m-3").get()).as("delivered again, not lost").isGreaterThanOrEqualTo(3);
        assertThat(meters.counter("things.received", "outcome", "requeued").count()).isPositive();
        assertThat(meters.counter("things.received", "outcome", "dead_lettered").count()).isZero();
        container.start();
        assertThat(deadLetter().getMessageProperties().getMessageId()).isEqualTo("m-3");
        assertThat(deadLetteredCountOnceItIs(1)).isEqualTo(1);
    }

    private static void publish(String messageId, String routingKey, String body) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        rabbit.send(EXCHANGE, routingKey, new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }

    /**
     * The dead-lettered count once it reaches {@code expected}, or after 5 s: the listener counts a dead letter after
     * the broker's confirm, which may come after the test has taken the dead letter from its queue.
     */
    private double deadLetteredCountOnceItIs(double expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (meters.counter("things.received", "outcome", "dead_lettered").count() < expected
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return meters.counter("things.received", "outcome", "dead_lettered").count();
    }

    private static Message deadLetter() {
        Message dead = rabbit.receive(DEAD_LETTER_QUEUE, 10_000);
        assertThat(dead).as("a dead letter within 10 s").isNotNull();
        return dead;
    }
}
