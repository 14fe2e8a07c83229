package dev.eventcommerce.catalog.api;

/**
 * A release arrived for an order the product never reserved for (the cancellation overtook the
 * reservation request): nothing is given back, and a reservation request for the order arriving later
 * is refused. The stock is unchanged.
 */
public record StockReservationVoided(long productId, long orderId) implements ProductEvent {
}
