package dev.eventcommerce.ordering.api;

/**
 * Every event of an order, from the event store (deleted orders included). {@code requestedByAdmin}: an
 * admin sees who made each change; the customer sees the shop as the actor of every change it did not
 * make itself (an admin's, or the system's).
 */
public record FindOrderHistory(long orderId, boolean requestedByAdmin) {
}
