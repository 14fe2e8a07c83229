package dev.eventcommerce.catalog.api;

import java.math.BigDecimal;
import java.time.Instant;

/** A product as the read model (and its Redis cache) holds it; timestamps come from the events. */
public record ProductView(long id, String name, String description, BigDecimal price, int quantity,
                          Instant createdAt, Instant updatedAt) {

    /** The streaming processor that maintains this view; writes wait for it before answering. */
    public static final String PROJECTION = "product-view";
}
