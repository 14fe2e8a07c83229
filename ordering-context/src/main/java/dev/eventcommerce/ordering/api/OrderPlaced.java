package dev.eventcommerce.ordering.api;

import java.math.BigDecimal;

/**
 * A customer placed an order; it starts {@link OrderStatus#PENDING}. Product name and unit price are
 * the catalog's at placing time, so later catalog changes never alter the order.
 */
public record OrderPlaced(long orderId, long userId, long productId, String productName, int quantity,
                          BigDecimal unitPrice, BigDecimal totalPrice) implements OrderEvent {
}
