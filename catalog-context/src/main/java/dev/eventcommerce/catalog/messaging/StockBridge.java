package dev.eventcommerce.catalog.messaging;

import dev.eventcommerce.catalog.api.StockReleased;
import dev.eventcommerce.catalog.api.StockReservationRejected;
import dev.eventcommerce.catalog.api.StockReserved;
import dev.eventcommerce.kernel.contract.CatalogEventsExchange;
import dev.eventcommerce.kernel.contract.StockReplyMessage;
import dev.eventcommerce.platform.outbox.ConfirmedPublisher;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stock bridge: catalog's answers to stock requests leave from its event store (the outbox). Every
 * reservation, rejection and release is published to the catalog-events exchange, persistent, with the
 * event's id as message id, and the processor advances only after the broker confirmed it; a failure
 * stops it at that event (platform/axon-postgres's propagating error handler) and it retries. One segment keeps the
 * answers in event order. Never replayed ({@link DisallowReplay}): a replay must not answer twice. Its
 * processor also runs the {@link ProductBridge}.
 */
@ProcessingGroup(StockBridge.PROCESSOR)
@DisallowReplay
class StockBridge {

    static final String PROCESSOR = "stock-bridge";

    private final ConfirmedPublisher publisher;
    private final JsonMapper json;
    private final String exchange;

    StockBridge(ConfirmedPublisher publisher, JsonMapper json, String exchange) {
        this.publisher = publisher;
        this.json = json;
        this.exchange = exchange;
    }

    @EventHandler
    void on(StockReserved event, EventMessage<?> message) {
        publish(CatalogEventsExchange.STOCK_RESERVED, new StockReplyMessage.Data(event.orderId(), event.productId(),
                event.quantity(), event.remaining(), null), message);
    }

    @EventHandler
    void on(StockReservationRejected event, EventMessage<?> message) {
        publish(CatalogEventsExchange.STOCK_REJECTED, new StockReplyMessage.Data(event.orderId(), event.productId(),
                event.quantity(), null, event.reason()), message);
    }

    @EventHandler
    void on(StockReleased event, EventMessage<?> message) {
        publish(CatalogEventsExchange.STOCK_RELEASED, new StockReplyMessage.Data(event.orderId(), event.productId(),
                event.quantity(), event.remaining(), null), message);
    }

    private void publish(String routingKey, StockReplyMessage.Data data, EventMessage<?> message) {
        byte[] body = json.writeValueAsBytes(new StockReplyMessage(routingKey, data));
        publisher.publish(exchange, routingKey,
                ConfirmedPublisher.persistentJson(body, message.getIdentifier(), routingKey),
                routingKey + " for order " + data.orderId());
    }
}
