package dev.eventcommerce.catalog.api;

/** A change or deletion asked for by someone who is neither the product's owner nor an admin. */
public class ProductChangeNotAllowedException extends RuntimeException {

    public ProductChangeNotAllowedException(long productId, Long ownerId) {
        super(ownerId == null
                ? "Product " + productId + " has no recorded owner (it predates owners); only an admin may change or delete it"
                : "Product " + productId + " belongs to another user; only its owner or an admin may change or delete it");
    }
}
