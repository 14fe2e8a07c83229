package dev.eventcommerce.ordering.api;

/** The order was deleted (a tombstone): it reads 404, its history stays in the event store. */
public record OrderDeleted(long orderId) implements OrderEvent {
}
