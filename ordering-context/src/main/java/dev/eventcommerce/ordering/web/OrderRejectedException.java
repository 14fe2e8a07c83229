package dev.eventcommerce.ordering.web;

/** The order just placed was rejected by its stock reservation (the reason); it stays, rejected, in the history. */
class OrderRejectedException extends RuntimeException {

    private final long orderId;
    private final String reason;

    OrderRejectedException(long orderId, String reason) {
        super("Order " + orderId + " was rejected: " + reason);
        this.orderId = orderId;
        this.reason = reason;
    }

    long orderId() {
        return orderId;
    }

    String reason() {
        return reason;
    }
}
