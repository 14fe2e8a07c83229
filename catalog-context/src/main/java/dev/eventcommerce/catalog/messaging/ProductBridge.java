package dev.eventcommerce.catalog.messaging;

import dev.eventcommerce.catalog.api.ProductCreated;
import dev.eventcommerce.catalog.api.ProductDeleted;
import dev.eventcommerce.catalog.api.ProductUpdated;
import dev.eventcommerce.kernel.contract.CatalogEventsExchange;
import dev.eventcommerce.kernel.contract.ProductMessage;
import dev.eventcommerce.platform.outbox.ConfirmedPublisher;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catalog's product changes leave from its event store (the outbox) for the other contexts' copies of the
 * catalogue (ordering prices orders from its replica): every creation, update and deletion is published to
 * the catalog-events exchange as a {@link ProductMessage}, persistent, with the event's id as message id and
 * the product's sequence number as version. Stock is left out: catalog alone decides it.
 *
 * <p>It runs in the stock bridge's processor, not one of its own: that processor already reads every event
 * of the store (product changes included) in one segment, so the product messages cost no second reading
 * of the store, no extra thread, claim or token write per batch, and leave in event order with the stock
 * answers. A failed publish holds the stock answers up too; so the queue these messages are meant for is
 * declared here as well (see ProductMessagingConfiguration): they are routed whether ordering ever started
 * or not, and only a broker that is down, which stops the answers anyway, stops them. Never replayed:
 * the processor's token stays where it is, so products changed before this bridge existed are not sent
 * (ordering asks catalog for them once).
 */
@ProcessingGroup(StockBridge.PROCESSOR)
@DisallowReplay
class ProductBridge {

    private final ConfirmedPublisher publisher;
    private final JsonMapper json;
    private final String exchange;

    ProductBridge(ConfirmedPublisher publisher, JsonMapper json, String exchange) {
        this.publisher = publisher;
        this.json = json;
        this.exchange = exchange;
    }

    @EventHandler
    void on(ProductCreated event, @SequenceNumber long version, EventMessage<?> message) {
        publish(CatalogEventsExchange.PRODUCT_CREATED,
                new ProductMessage.Data(event.productId(), event.name(), event.price(), false, version), message);
    }

    @EventHandler
    void on(ProductUpdated event, @SequenceNumber long version, EventMessage<?> message) {
        publish(CatalogEventsExchange.PRODUCT_UPDATED,
                new ProductMessage.Data(event.productId(), event.name(), event.price(), false, version), message);
    }

    @EventHandler
    void on(ProductDeleted event, @SequenceNumber long version, EventMessage<?> message) {
        publish(CatalogEventsExchange.PRODUCT_DELETED,
                new ProductMessage.Data(event.productId(), null, null, true, version), message);
    }

    private void publish(String routingKey, ProductMessage.Data data, EventMessage<?> message) {
        byte[] body = json.writeValueAsBytes(new ProductMessage(routingKey, data));
        publisher.publish(exchange, routingKey,
                ConfirmedPublisher.persistentJson(body, message.getIdentifier(), routingKey),
                routingKey + " of product " + data.productId() + " (version " + data.version() + ")");
    }
}
