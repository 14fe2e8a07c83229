package dev.eventcommerce.kernel.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The order-created message on {@link OrderEventsExchange#EXCHANGE} / {@link OrderEventsExchange#ORDER_CREATED},
 * in the seed's shape: {@code {"event": "order.created", "data": {order_id, user_id, product_id,
 * product_name, quantity, unit_price, total_price, status, created_at}}}. Published persistent, as JSON,
 * with the order-placed event's identifier as AMQP message id (consumers de-duplicate on it). Money is a
 * decimal number with two decimals. A published contract: change it only by adding fields.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderCreatedMessage(String event, Data data) {

    public static final String EVENT = "order.created";

    public static OrderCreatedMessage of(Data data) {
        return new OrderCreatedMessage(EVENT, data);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(long orderId, long userId, long productId, String productName, int quantity,
                       BigDecimal unitPrice, BigDecimal totalPrice, String status, Instant createdAt) {
    }
}
