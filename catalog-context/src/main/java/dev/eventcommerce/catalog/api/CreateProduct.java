package dev.eventcommerce.catalog.api;

import java.math.BigDecimal;

/** Add a product; the id is allocated by the handler and returned. */
public record CreateProduct(String name, String description, BigDecimal price, int quantity) {
}
