package dev.eventcommerce.ordering.messaging;

import dev.eventcommerce.kernel.contract.OrderCreatedMessage;
import dev.eventcommerce.kernel.contract.OrderEventsExchange;
import dev.eventcommerce.kernel.messaging.ConfirmedPublisher;
import dev.eventcommerce.ordering.api.OrderPlaced;
import dev.eventcommerce.ordering.api.OrderStatus;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;
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

    private final ConfirmedPublisher publisher;
    private final JsonMapper json;
    private final String exchange;

    OrderCreatedBridge(ConfirmedPublisher publisher, JsonMapper json, String exchange) {
        this.publisher = publisher;
        this.json = json;
        this.exchange = exchange;
    }

    @EventHandler
    void on(OrderPlaced event, EventMessage<?> message, @Timestamp Instant at) {
        OrderCreatedMessage body = OrderCreatedMessage.of(new OrderCreatedMessage.Data(event.orderId(), event.userId(),
                event.productId(), event.productName(), event.quantity(), event.unitPrice(), event.totalPrice(),
                OrderStatus.PENDING.value(), at));
        publisher.publish(exchange, OrderEventsExchange.ORDER_CREATED,
                ConfirmedPublisher.persistentJson(json.writeValueAsBytes(body), message.getIdentifier(),
                        OrderCreatedMessage.EVENT),
                "order " + event.orderId());
    }
}
