package dev.eventcommerce.catalog.api;

/** A page of the catalogue in id order. */
public record ListProducts(int skip, int limit) {
}
