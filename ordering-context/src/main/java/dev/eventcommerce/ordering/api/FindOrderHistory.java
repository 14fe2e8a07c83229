package dev.eventcommerce.ordering.api;

/** Every event of an order, from the event store (deleted orders included). */
public record FindOrderHistory(long orderId) {
}
