package dev.eventcommerce.catalog.api;

import java.math.BigDecimal;

/**
 * A product entered the catalogue. {@code price} has two decimals. {@code ownerId} is the user who
 * created it, the one (besides an admin) who may change or delete it; events stored before owners were
 * recorded have no such field and read as {@code null}: owned by no one, so only an admin may change them.
 */
public record ProductCreated(long productId, String name, String description, BigDecimal price, int quantity,
                             Long ownerId) implements ProductEvent {
}
