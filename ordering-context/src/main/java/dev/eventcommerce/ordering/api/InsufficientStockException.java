package dev.eventcommerce.ordering.api;

/** An order for more units than the product has in stock. */
public class InsufficientStockException extends RuntimeException {

    public InsufficientStockException(long productId, int requested, int available) {
        super("Product " + productId + " has " + available + " in stock; " + requested + " requested");
    }
}
