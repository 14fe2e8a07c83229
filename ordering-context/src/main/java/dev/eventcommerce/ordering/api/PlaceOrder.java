package dev.eventcommerce.ordering.api;

import java.math.BigDecimal;

/**
 * Place an order for a product as the catalog described it just now. Its stock is not checked here:
 * catalog's Product decides when it is asked to reserve. The id is allocated by the handler and returned.
 */
public record PlaceOrder(long userId, long productId, String productName, int quantity, BigDecimal unitPrice) {
}
