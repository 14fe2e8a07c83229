package dev.eventcommerce.ordering.api;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The order moved from one status to the next, along the lifecycle of {@link OrderStatus}. {@code reason}
 * says why, where there is one to tell (a rejection: "insufficient stock", "product deleted", "catalog did
 * not answer within 30s"); {@code releasesStock} is true when the stock the order may hold must be given
 * back: a pending or confirmed order cancelled, or a pending order rejected by the deadline. Events stored
 * before these two fields existed read as no reason and no release.
 */
public record OrderStatusChanged(long orderId, OrderStatus from, OrderStatus to, String reason,
                                 boolean releasesStock) implements OrderEvent {

    /** A change without a reason that releases nothing (shipping, delivering, a confirmation). */
    public OrderStatusChanged(long orderId, OrderStatus from, OrderStatus to) {
        this(orderId, from, to, null, false);
    }

    /** Reads stored events, also those without {@code releasesStock} (stored before it existed). */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static OrderStatusChanged stored(long orderId, OrderStatus from, OrderStatus to, String reason,
                                     Boolean releasesStock) {
        return new OrderStatusChanged(orderId, from, to, reason, Boolean.TRUE.equals(releasesStock));
    }
}
