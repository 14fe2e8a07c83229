package dev.eventcommerce.kernel.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A change of a product in catalog on {@link CatalogEventsExchange#EXCHANGE}, routed by its {@code event}:
 * {@code {"event": "product.created" | "product.updated" | "product.deleted", "data": {product_id, name,
 * price, deleted, version}}}. {@code version} is the product's sequence number in catalog's event store at
 * that change: it grows with every change of the product (stock changes too, so it has gaps), and a
 * consumer keeps the highest it has seen, since redeliveries and competing consumers can reorder messages.
 * A deletion carries no name or price. Stock is not part of it: catalog alone decides stock. Published
 * persistent, with the catalog event's identifier as AMQP message id. A published contract: change it
 * only by adding fields.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProductMessage(String event, Data data) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(long productId, String name, BigDecimal price, boolean deleted, long version) {
    }
}
