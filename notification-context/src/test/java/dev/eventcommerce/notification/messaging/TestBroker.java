package dev.eventcommerce.notification.messaging;

import dev.eventcommerce.kernel.contract.OrderCreatedMessage;
import dev.eventcommerce.kernel.contract.OrderEventsExchange;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order-events topology of one test class on the shared RabbitMQ, under names of its own, and a
 * publisher connected to the broker directly (not through any proxy the service under test uses) that
 * sends as ordering does: persistent JSON with the event id as message id.
 */
final class TestBroker implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String exchange;
    final String queue;
    final String deadLetterExchange;
    final String deadLetterQueue;
    private final CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
    private final RabbitTemplate template = new RabbitTemplate(connections);
    private final RabbitAdmin admin = new RabbitAdmin(connections);

    TestBroker() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        exchange = "it.order_events." + suffix;
        queue = "it.order_notifications." + suffix;
        deadLetterExchange = "it.order_events.dlx." + suffix;
        deadLetterQueue = "it.order_notifications.dlq." + suffix;
        template.setReceiveTimeout(0);
    }

    void register(DynamicPropertyRegistry registry) {
        registry.add("eventcommerce.messaging.exchange", () -> exchange);
        registry.add("eventcommerce.messaging.notification-queue", () -> queue);
        registry.add("eventcommerce.messaging.dead-letter-exchange", () -> deadLetterExchange);
        registry.add("eventcommerce.messaging.notification-dead-letter-queue", () -> deadLetterQueue);
    }

    static String orderCreated(long orderId, long userId, String productName, int quantity, String unitPrice) {
        BigDecimal price = new BigDecimal(unitPrice);
        return JSON.writeValueAsString(OrderCreatedMessage.of(new OrderCreatedMessage.Data(orderId, userId, 7,
                productName, quantity, price, price.multiply(BigDecimal.valueOf(quantity)), "pending", Instant.now())));
    }

    /** Publishes as ordering does; a null message id leaves it unset. */
    void publish(String messageId, String body) {
        publish(messageId, body, java.util.Map.of());
    }

    void publish(String messageId, String body, java.util.Map<String, Object> headers) {
        MessageProperties properties = new MessageProperties();
        headers.forEach(properties::setHeader);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(messageId);
        template.send(exchange, OrderEventsExchange.ORDER_CREATED,
                new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }

    /** Messages ready in a queue (not counting those delivered and not yet acknowledged). */
    long ready(String queueName) {
        QueueInformation information = admin.getQueueInfo(queueName);
        return information == null ? -1 : information.getMessageCount();
    }

    /** Takes every message now in the dead-letter queue, as text. */
    List<String> takeDeadLetters() {
        return takeDeadLetterMessages().stream().map(message -> new String(message.getBody(), StandardCharsets.UTF_8))
                .toList();
    }

    /** Takes every message now in the dead-letter queue. */
    List<Message> takeDeadLetterMessages() {
        List<Message> messages = new ArrayList<>();
        Message message;
        while ((message = template.receive(deadLetterQueue)) != null) {
            messages.add(message);
        }
        return messages;
    }

    /** Deletes what the service declared; call it after its listener has stopped. */
    @Override
    public void close() {
        try {
            admin.deleteQueue(queue);
            admin.deleteQueue(deadLetterQueue);
            admin.deleteExchange(exchange);
            admin.deleteExchange(deadLetterExchange);
        } finally {
            connections.destroy();
        }
    }
}
