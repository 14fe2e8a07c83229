package dev.eventcommerce.catalog.api;

/** No such product, or it was deleted. */
public class ProductNotFoundException extends RuntimeException {

    public ProductNotFoundException(long productId) {
        super("Product " + productId + " not found");
    }
}
