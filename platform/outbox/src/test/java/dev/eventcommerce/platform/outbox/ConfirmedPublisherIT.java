package dev.eventcommerce.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Publishing with confirms against the real RabbitMQ: a unit of work's messages go out together, in order. */
class ConfirmedPublisherIT {

    private final String name = "test.confirmed-publisher." + UUID.randomUUID();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CachingConnectionFactory connections;
    private RabbitAdmin admin;
    private RabbitTemplate rabbit;
    private ConfirmedPublisher publisher;

    @BeforeEach
    void setUp() {
        connections = new CachingConnectionFactory("127.0.0.1", 5672);
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
        admin = new RabbitAdmin(connections);
        DirectExchange exchange = new DirectExchange(name, false, true);
        Queue queue = new Queue(name, false, false, false);
        admin.declareExchange(exchange);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with("routed"));
        rabbit = new RabbitTemplate(connections);
        rabbit.setMandatory(true);
        publisher = new ConfirmedPublisher(rabbit, Duration.ofSeconds(5), meters, Tracer.NOOP);
    }

    @AfterEach
    void tearDown() {
        admin.deleteQueue(name);
        admin.deleteExchange(name);
        connections.destroy();
    }

    @Test
    void aUnitOfWorksMessagesLeaveWhenItCommitsInTheOrderTheyWerePublished() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        for (int i = 0; i < 50; i++) {
            publisher.publish(name, "routed", message(i), "message " + i);
        }
        assertThat(admin.getQueueInfo(name).getMessageCount()).as("nothing is sent before the commit").isZero();
        unitOfWork.commit();

        assertThat(received(50)).containsExactlyElementsOf(numbers(50));
        assertThat(meters.counter("bridge.messages", "outcome", "confirmed").count()).isEqualTo(50);
    }

    @Test
    void anUnroutableMessageFailsItsUnitOfWork() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        publisher.publish(name, "routed", message(0), "message 0");
        publisher.publish(name, "nowhere", message(1), "message 1");

        assertThatThrownBy(unitOfWork::commit).isInstanceOf(AmqpException.class)
                .hasMessageContaining("no queue is bound for nowhere");
        assertThat(unitOfWork.isRolledBack()).isTrue();
        assertThat(meters.counter("bridge.messages", "outcome", "returned").count()).isEqualTo(1);
    }

    @Test
    void outsideAUnitOfWorkAMessageIsSentAndConfirmedAtOnce() {
        publisher.publish(name, "routed", message(7), "message 7");

        assertThat(received(1)).containsExactly("7");
    }

    private static Message message(int number) {
        return ConfirmedPublisher.persistentJson(String.valueOf(number).getBytes(StandardCharsets.UTF_8),
                UUID.randomUUID().toString(), "test");
    }

    private List<String> received(int count) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = rabbit.receive(name, 5_000);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            bodies.add(new String(message.getBody(), StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private static List<String> numbers(int count) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(String.valueOf(i));
        }
        return numbers;
    }
}
