package dev.eventcommerce.ordering.api;

/** The order moved from one status to the next, along the lifecycle of {@link OrderStatus}. */
public record OrderStatusChanged(long orderId, OrderStatus from, OrderStatus to) implements OrderEvent {
}
