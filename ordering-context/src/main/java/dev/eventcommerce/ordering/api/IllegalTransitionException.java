package dev.eventcommerce.ordering.api;

/** A status change the order's lifecycle does not allow from its current status. */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(OrderStatus from, OrderStatus to) {
        super("An order cannot go from " + from.value() + " to " + to.value());
    }
}
