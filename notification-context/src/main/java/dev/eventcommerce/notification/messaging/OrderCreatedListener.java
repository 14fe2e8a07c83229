package dev.eventcommerce.notification.messaging;

import dev.eventcommerce.kernel.contract.OrderCreatedMessage;
import dev.eventcommerce.platform.messaging.RetryingListenerContainerFactory;
import dev.eventcommerce.platform.messaging.UnreadableMessageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes order-created messages; a message is acknowledged only after its notification is committed (or
 * found recorded already). What happens to a delivery (see {@link RetryingListenerContainerFactory}):
 * <ul>
 *   <li>unreadable (not JSON, not an order-created message, no message id): rejected at once, so the
 *       broker dead-letters it; retrying cannot help;</li>
 *   <li>PostgreSQL unreachable: retried with a growing pause for {@link OrderCreatedRetry#databaseWait()}, then
 *       given back to the queue; never dead-lettered, so a database restart loses nothing;</li>
 *   <li>any other failure: {@link OrderCreatedRetry#maxAttempts()} attempts, then dead-lettered, so one bad
 *       message neither loops forever nor holds up the queue.</li>
 * </ul>
 * Counted in {@code notifications.received{outcome=recorded|duplicate|dead_lettered|requeued}}.
 */
@Component
class OrderCreatedListener {

    static final String RECEIVED = "notifications.received";
    /** Read with defaults of its own, not the web layer's strict settings: the contract only ever grows. */
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The width of notifications.message_id. */
    private static final int MAX_MESSAGE_ID_LENGTH = 255;

    private final OrderCreatedNotifier notifier;
    private final Counter recorded;
    private final Counter duplicate;

    OrderCreatedListener(OrderCreatedNotifier notifier, MeterRegistry meters) {
        this.notifier = notifier;
        this.recorded = counter(meters, "recorded");
        this.duplicate = counter(meters, "duplicate");
        // registered before the first failure, so that they are shown (as zero) from the start
        counter(meters, "dead_lettered");
        counter(meters, "requeued");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder(RECEIVED)
                .description("Order-created messages by what became of them")
                .tag("outcome", outcome)
                .register(meters);
    }

    @RabbitListener(id = "order-created-notifications", queues = "${eventcommerce.messaging.notification-queue}",
            containerFactory = NotificationQueueConfiguration.ORDER_CREATED_CONTAINERS)
    void on(Message message) {
        String messageId = message.getMessageProperties().getMessageId();
        boolean sentNow = notifier.notify(messageId, read(messageId, message.getBody()));
        (sentNow ? recorded : duplicate).increment();
    }

    /** The order of a well-formed order-created message, or why it is not one. */
    static OrderCreatedMessage.Data read(String messageId, byte[] body) {
        if (messageId == null || messageId.isBlank() || messageId.length() > MAX_MESSAGE_ID_LENGTH) {
            throw new UnreadableMessageException("no usable message id, so duplicates could not be recognised");
        }
        OrderCreatedMessage message;
        try {
            message = JSON.readValue(body, OrderCreatedMessage.class);
        } catch (JacksonException e) {
            throw new UnreadableMessageException("not an order-created message: " + e.getOriginalMessage());
        }
        if (message == null || !OrderCreatedMessage.EVENT.equals(message.event()) || message.data() == null) {
            throw new UnreadableMessageException("not an order-created message");
        }
        OrderCreatedMessage.Data order = message.data();
        if (order.orderId() <= 0 || order.userId() <= 0 || order.quantity() <= 0
                || order.productName() == null || order.totalPrice() == null) {
            throw new UnreadableMessageException("order-created message without order_id, user_id, quantity, "
                    + "product_name or total_price");
        }
        return order;
    }
}
