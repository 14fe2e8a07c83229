package dev.eventcommerce.catalog.api;

public record FindProduct(long productId) {
}
