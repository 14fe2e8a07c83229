package dev.eventcommerce.ordering.api;

/** Everything that can happen to an order; the payloads stored in ordering_db's event table. */
public sealed interface OrderEvent permits OrderPlaced, OrderStatusChanged, OrderDeleted {

    long orderId();
}
