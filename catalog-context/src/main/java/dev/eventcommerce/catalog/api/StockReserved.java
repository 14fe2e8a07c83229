package dev.eventcommerce.catalog.api;

/** {@code quantity} units are held for the order; {@code remaining} is the product's available stock after it. */
public record StockReserved(long productId, long orderId, int quantity, int remaining) implements ProductEvent {
}
