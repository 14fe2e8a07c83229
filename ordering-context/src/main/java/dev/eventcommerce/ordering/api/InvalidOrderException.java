package dev.eventcommerce.ordering.api;

/** An order whose quantity or price breaks the rules. */
public class InvalidOrderException extends RuntimeException {

    public InvalidOrderException(String message) {
        super(message);
    }
}
