package dev.eventcommerce.catalog.api;

import java.math.BigDecimal;

/** A product's details changed; the event carries the whole new state, not only what changed. */
public record ProductUpdated(long productId, String name, String description, BigDecimal price, int quantity)
        implements ProductEvent {
}
