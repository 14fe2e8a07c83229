package dev.eventcommerce.kernel.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Catalog's answer about an order's stock on {@link CatalogEventsExchange#EXCHANGE}, routed by its
 * {@code event}: {@code {"event": "stock.reserved" | "stock.rejected" | "stock.released", "data":
 * {order_id, product_id, quantity, remaining, reason}}}; {@code remaining} is the product's available
 * stock after the event (null for a rejection), {@code reason} says why a reservation was rejected.
 * Published persistent, with the catalog event's identifier as AMQP message id. A published contract:
 * change it only by adding fields.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockReplyMessage(String event, Data data) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(long orderId, long productId, int quantity, Integer remaining, String reason) {
    }
}
