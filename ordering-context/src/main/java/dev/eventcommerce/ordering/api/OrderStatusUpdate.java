package dev.eventcommerce.ordering.api;

import java.time.Instant;

/**
 * An order's status as one of its events left it, for those who follow it live: placed (pending), each change
 * with its reason, or its deletion ({@code deleted}, with no status). {@code version} is the event's sequence
 * number in the order's stream (the order's version, as in {@link OrderView}).
 */
public record OrderStatusUpdate(long orderId, OrderStatus status, OrderStatus previousStatus, String reason,
                                long version, Instant at, boolean deleted) {

    /** What the event did to the order's status. */
    public static OrderStatusUpdate of(OrderEvent event, long version, Instant at) {
        if (event instanceof OrderPlaced placed) {
            return new OrderStatusUpdate(placed.orderId(), OrderStatus.PENDING, null, null, version, at, false);
        }
        if (event instanceof OrderStatusChanged changed) {
            return new OrderStatusUpdate(changed.orderId(), changed.to(), changed.from(), changed.reason(), version,
                    at, false);
        }
        return new OrderStatusUpdate(event.orderId(), null, null, null, version, at, true);
    }
}
