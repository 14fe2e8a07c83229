package dev.eventcommerce.catalog.api;

/** The units held for the order are available again; {@code remaining} is the product's available stock after it. */
public record StockReleased(long productId, long orderId, int quantity, int remaining) implements ProductEvent {
}
