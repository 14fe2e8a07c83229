package dev.eventcommerce.catalog.api;

import java.math.BigDecimal;

/** A product entered the catalogue. {@code price} has two decimals. */
public record ProductCreated(long productId, String name, String description, BigDecimal price, int quantity)
        implements ProductEvent {
}
