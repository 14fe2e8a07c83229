package dev.eventcommerce.ordering.api;

/** No such order, it was deleted, or it is another customer's (which must not be told apart). */
public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(long orderId) {
        super("Order " + orderId + " not found");
    }
}
