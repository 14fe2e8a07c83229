package dev.eventcommerce.ordering.api;

/** A customer asked to delete an order that was shipped or delivered: the shop keeps it on record. */
public class OrderKeptByTheShopException extends RuntimeException {

    public OrderKeptByTheShopException(long orderId, OrderStatus status) {
        super("Order " + orderId + " is " + status.value() + ": the shop keeps shipped and delivered orders on "
                + "record, so only the shop can delete it");
    }
}
