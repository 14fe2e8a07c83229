package dev.eventcommerce.ordering.messaging;

import dev.eventcommerce.kernel.contract.OrderCancelledMessage;
import dev.eventcommerce.kernel.contract.OrderCreatedMessage;
import dev.eventcommerce.kernel.contract.OrderEventsExchange;
import dev.eventcommerce.platform.outbox.ConfirmedPublisher;
import dev.eventcommerce.ordering.api.OrderDeleted;
import dev.eventcommerce.ordering.api.OrderPlaced;
import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.OrderStatusChanged;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.EventStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order-events bridge: the event store is the outbox. This streaming processor publishes every
 * {@link OrderPlaced} to RabbitMQ as the seed's order-created message (which also asks catalog to reserve
 * the stock), and every status change that releases stock as an order-cancelled message (catalog gives
 * the stock back; also for a deleted order that may hold stock), persistent, with the event's id as message id, in event order (one segment), and
 * waits for the broker's confirm; a nack, an unroutable return or a timeout fails the event, the
 * processor keeps its position and retries later. So a crash or a broker outage delays messages but
 * never loses one; duplicates are possible after a crash and consumers de-duplicate (notification on the
 * message id, catalog per order). It can never be replayed ({@link DisallowReplay}): a replay must not
 * re-send anything. (Its name stays order-created-bridge: its token is stored under it.)
 */
@ProcessingGroup(OrderCreatedBridge.PROCESSOR)
@DisallowReplay
class OrderCreatedBridge {

    static final String PROCESSOR = "order-created-bridge";

    private final ConfirmedPublisher publisher;
    private final JsonMapper json;
    private final String exchange;
    private final EventStore eventStore;

    OrderCreatedBridge(ConfirmedPublisher publisher, JsonMapper json, String exchange, EventStore eventStore) {
        this.publisher = publisher;
        this.json = json;
        this.exchange = exchange;
        this.eventStore = eventStore;
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

    /** A cancelled (or given-up) order that may hold stock: catalog is asked to release it. */
    @EventHandler
    void on(OrderStatusChanged event, EventMessage<?> message) {
        if (event.releasesStock()) {
            release(event.orderId(), event.reason() == null ? event.to().value() : event.reason(), message);
        }
    }

    /** A deleted order that may hold stock: released as for a cancellation. */
    @EventHandler
    void on(OrderDeleted event, EventMessage<?> message) {
        if (event.releasesStock()) {
            release(event.orderId(), "deleted", message);
        }
    }

    private void release(long orderId, String reason, EventMessage<?> message) {
        OrderPlaced placed = placed(orderId);
        OrderCancelledMessage body = OrderCancelledMessage.of(new OrderCancelledMessage.Data(orderId,
                placed.productId(), placed.quantity(), reason));
        publisher.publish(exchange, OrderEventsExchange.ORDER_CANCELLED,
                ConfirmedPublisher.persistentJson(json.writeValueAsBytes(body), message.getIdentifier(),
                        OrderCancelledMessage.EVENT),
                "release of order " + orderId);
    }

    /** The order's first event, which names its product and quantity. */
    private OrderPlaced placed(long orderId) {
        return eventStore.readEvents(String.valueOf(orderId), 0L).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(OrderPlaced.class::isInstance)
                .map(OrderPlaced.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("order " + orderId + " has no OrderPlaced event"));
    }
}
