package dev.eventcommerce.catalog.api;

/**
 * A page of a product's events, from the event store (deleted products included): those of sequence
 * {@code before - limit} up to {@code before} (exclusive; null: the newest), in order; empty for a product that
 * never existed.
 */
public record FindProductHistory(long productId, Long before, int limit) {
}
