package dev.eventcommerce.catalog.api;

import java.math.BigDecimal;

/** Add a product, owned by {@code createdBy} (the caller's user id); the id is allocated by the handler and returned. */
public record CreateProduct(String name, String description, BigDecimal price, int quantity, long createdBy) {
}
