package dev.eventcommerce.catalog.web;

import dev.eventcommerce.catalog.api.ProductView;
import java.math.BigDecimal;
import java.time.Instant;

/** A product in the seed's shape: {@code {id, name, description, price, quantity, created_at, updated_at}}. */
record ProductResponse(long id, String name, String description, BigDecimal price, int quantity, Instant createdAt,
                       Instant updatedAt) {

    static ProductResponse of(ProductView view) {
        return new ProductResponse(view.id(), view.name(), view.description(), view.price(), view.quantity(),
                view.createdAt(), view.updatedAt());
    }
}
