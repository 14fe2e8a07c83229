package dev.eventcommerce.catalog.api;

/** A product whose details break the catalogue's rules (name, description, price, quantity). */
public class InvalidProductException extends RuntimeException {

    public InvalidProductException(String message) {
        super(message);
    }
}
