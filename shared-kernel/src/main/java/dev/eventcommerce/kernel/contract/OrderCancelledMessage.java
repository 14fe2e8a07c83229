package dev.eventcommerce.kernel.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The release request on {@link OrderEventsExchange#EXCHANGE} / {@link OrderEventsExchange#ORDER_CANCELLED}:
 * {@code {"event": "order.cancelled", "data": {order_id, product_id, quantity, reason}}}, sent when an
 * order that may hold stock (pending or confirmed) is cancelled or rejected by the deadline. Catalog gives
 * back what it reserved for the order, or, if it never reserved anything, refuses any later reservation
 * for it. Published persistent, with the event's identifier as AMQP message id. A published contract:
 * change it only by adding fields.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderCancelledMessage(String event, Data data) {

    public static final String EVENT = "order.cancelled";

    public static OrderCancelledMessage of(Data data) {
        return new OrderCancelledMessage(EVENT, data);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(long orderId, long productId, int quantity, String reason) {
    }
}
