package dev.eventcommerce.ordering.api;

/** A request for a status that only the stock reservation decides (confirmed, rejected). */
public class StatusSetByTheReservationException extends RuntimeException {

    public StatusSetByTheReservationException(OrderStatus status) {
        super("An order becomes " + status.value() + " by the stock reservation, not by a request");
    }
}
