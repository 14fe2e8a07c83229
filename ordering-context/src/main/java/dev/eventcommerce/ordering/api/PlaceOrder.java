package dev.eventcommerce.ordering.api;

import java.math.BigDecimal;

/**
 * Place an order for a product as the catalog described it just now ({@code availableStock} is its
 * quantity then). The id is allocated by the handler and returned.
 */
public record PlaceOrder(long userId, long productId, String productName, int quantity, BigDecimal unitPrice,
                         int availableStock) {
}
