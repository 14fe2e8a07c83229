package dev.eventcommerce.ordering.messaging;

import dev.eventcommerce.kernel.contract.OrderCreatedMessage;
import dev.eventcommerce.kernel.contract.OrderEventsExchange;
import dev.eventcommerce.ordering.api.OrderPlaced;
import dev.eventcommerce.ordering.api.OrderStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order-created bridge: the event store is the outbox. This streaming processor publishes every
 * {@link OrderPlaced} to RabbitMQ as the seed's order-created message, persistent, with the event's id as
 * message id, and waits for the broker's confirm; a nack, an unroutable return or a timeout fails the
 * event, the processor keeps its position and retries later. So a crash or a broker outage delays
 * messages but never loses one; duplicates are possible after a crash and consumers de-duplicate on the
 * message id. It can never be replayed ({@link DisallowReplay}): a replay must not re-send anything.
 */
@ProcessingGroup(OrderCreatedBridge.PROCESSOR)
@DisallowReplay
class OrderCreatedBridge {

    static final String PROCESSOR = "order-created-bridge";

    private final RabbitTemplate rabbit;
    private final JsonMapper json;
    private final String exchange;
    private final Duration confirmTimeout;
    private final MeterRegistry meters;

    OrderCreatedBridge(RabbitTemplate rabbit, JsonMapper json, String exchange, Duration confirmTimeout,
                       MeterRegistry meters) {
        this.rabbit = rabbit;
        this.json = json;
        this.exchange = exchange;
        this.confirmTimeout = confirmTimeout;
        this.meters = meters;
    }

    @EventHandler
    void on(OrderPlaced event, EventMessage<?> message, @org.axonframework.eventhandling.Timestamp Instant at) {
        OrderCreatedMessage body = OrderCreatedMessage.of(new OrderCreatedMessage.Data(event.orderId(), event.userId(),
                event.productId(), event.productName(), event.quantity(), event.unitPrice(), event.totalPrice(),
                OrderStatus.PENDING.value(), at));
        Message amqp = MessageBuilder.withBody(json.writeValueAsBytes(body))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding("UTF-8")
                .setMessageId(message.getIdentifier())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setType(OrderCreatedMessage.EVENT)
                .build();
        CorrelationData correlation = new CorrelationData(message.getIdentifier());
        CorrelationData.Confirm confirm;
        try {
            rabbit.send(exchange, OrderEventsExchange.ORDER_CREATED, amqp, correlation);
            confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("failed", "interrupted while publishing order " + event.orderId());
        } catch (ExecutionException | TimeoutException e) {
            throw failure("failed", "no confirm for order " + event.orderId() + " within " + confirmTimeout);
        } catch (AmqpException e) {
            meters.counter("bridge.messages", "outcome", "failed").increment();
            throw e;
        }
        if (!confirm.ack()) {
            throw failure("nacked", "broker refused order " + event.orderId() + ": " + confirm.reason());
        }
        if (correlation.getReturned() != null) {
            throw failure("returned", "no queue is bound for order.created on " + exchange + " yet");
        }
        meters.counter("bridge.messages", "outcome", "confirmed").increment();
    }

    private AmqpException failure(String outcome, String reason) {
        meters.counter("bridge.messages", "outcome", outcome).increment();
        return new AmqpException(reason);
    }
}
