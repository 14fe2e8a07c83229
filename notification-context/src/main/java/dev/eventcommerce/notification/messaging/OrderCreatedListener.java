package dev.eventcommerce.notification.messaging;

import com.rabbitmq.client.Channel;
import dev.eventcommerce.kernel.contract.OrderCreatedMessage;
import dev.eventcommerce.platform.messaging.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes order-created messages with manual acknowledgement; a message is acknowledged only after its
 * notification is committed (or found recorded already). What happens to a delivery:
 * <ul>
 *   <li>unreadable (not JSON, not an order-created message, no message id): rejected at once, so the
 *       broker dead-letters it; retrying cannot help;</li>
 *   <li>PostgreSQL unreachable: retried with a growing pause for {@link RetryPolicy#databaseWait()}, then
 *       given back to the queue; never dead-lettered, so a database restart loses nothing;</li>
 *   <li>any other failure: {@link RetryPolicy#maxAttempts()} attempts, then dead-lettered, so one bad
 *       message neither loops forever nor holds up the queue.</li>
 * </ul>
 * Counted in {@code notifications.received{outcome=recorded|duplicate|dead_lettered|requeued}}.
 */
@Component
class OrderCreatedListener {

    private static final Logger log = LoggerFactory.getLogger(OrderCreatedListener.class);
    /** Read with defaults of its own, not the web layer's strict settings: the contract only ever grows. */
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The width of notifications.message_id. */
    private static final int MAX_MESSAGE_ID_LENGTH = 255;

    enum Outcome {
        RECORDED, DUPLICATE, DEAD_LETTERED, REQUEUED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final OrderCreatedNotifier notifier;
    private final RetryPolicy retry;
    private final Map<Outcome, Counter> received = new EnumMap<>(Outcome.class);
    private volatile boolean stopping;

    OrderCreatedListener(OrderCreatedNotifier notifier, RetryPolicy retry, MeterRegistry meters) {
        this.notifier = notifier;
        this.retry = retry;
        for (Outcome outcome : Outcome.values()) {
            received.put(outcome, Counter.builder("notifications.received")
                    .description("Order-created messages by what became of them")
                    .tag("outcome", outcome.tag())
                    .register(meters));
        }
    }

    @RabbitListener(id = "order-created-notifications", queues = "${eventcommerce.messaging.notification-queue}",
            ackMode = "MANUAL")
    void on(Message message, Channel channel) throws IOException {
        long deliveryTag = message.getMessageProperties().getDeliveryTag();
        String messageId = message.getMessageProperties().getMessageId();
        Outcome outcome;
        try {
            outcome = process(messageId, read(messageId, message.getBody()));
        } catch (UnreadableMessageException e) {
            log.warn("Dead-lettering unreadable message {}: {}", messageId, e.getMessage());
            outcome = Outcome.DEAD_LETTERED;
        }
        switch (outcome) {
            case RECORDED, DUPLICATE -> channel.basicAck(deliveryTag, false);
            case DEAD_LETTERED -> channel.basicReject(deliveryTag, false);
            case REQUEUED -> channel.basicNack(deliveryTag, false, true);
        }
        received.get(outcome).increment();
    }

    /** A shutdown ends the wait for the database: the message goes back to the queue for the next consumer. */
    @EventListener(ContextClosedEvent.class)
    void stopWaiting() {
        stopping = true;
    }

    private Outcome process(String messageId, OrderCreatedMessage.Data order) {
        int failures = 0;
        Duration backoff = retry.initialBackoff();
        long databaseDeadline = System.nanoTime() + retry.databaseWait().toNanos();
        while (true) {
            try {
                return notifier.notify(messageId, order) ? Outcome.RECORDED : Outcome.DUPLICATE;
            } catch (RuntimeException e) {
                if (isDatabaseUnavailable(e)) {
                    if (stopping || System.nanoTime() - databaseDeadline > 0) {
                        log.warn("Database still unavailable; message {} goes back to the queue", messageId);
                        return Outcome.REQUEUED;
                    }
                    log.warn("Database unavailable ({}); message {} is retried in {}", e.getMessage(), messageId, backoff);
                } else if (++failures >= retry.maxAttempts()) {
                    log.error("Message {} failed {} times; dead-lettering it", messageId, failures, e);
                    return Outcome.DEAD_LETTERED;
                } else {
                    log.warn("Message {} failed (attempt {} of {}): {}", messageId, failures, retry.maxAttempts(),
                            NestedExceptionUtils.getMostSpecificCause(e).toString());
                }
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.REQUEUED;
            }
            backoff = retry.next(backoff);
        }
    }

    /** The order of a well-formed order-created message, or why it is not one. */
    static OrderCreatedMessage.Data read(String messageId, byte[] body) throws UnreadableMessageException {
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

    /** PostgreSQL cannot be reached: worth waiting for, unlike a failure of the message itself. */
    static boolean isDatabaseUnavailable(Throwable failure) {
        return TransientFailures.isDatabaseUnavailable(failure);
    }

    static final class UnreadableMessageException extends Exception {

        UnreadableMessageException(String reason) {
            super(reason);
        }
    }
}
