package dev.eventcommerce.catalog.api;

/** Every event of a product, from the event store (deleted products included); empty for one that never existed. */
public record FindProductHistory(long productId) {
}
