package dev.eventcommerce.ordering.api;

/** A customer asked for a status only the shop (an admin) may set; a customer may only cancel. */
public class StatusChangeNotAllowedException extends RuntimeException {

    public StatusChangeNotAllowedException(OrderStatus status) {
        super("Only the shop can mark an order " + status.value() + "; a customer can only cancel it");
    }
}
