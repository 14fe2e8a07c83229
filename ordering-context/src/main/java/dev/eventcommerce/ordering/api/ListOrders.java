package dev.eventcommerce.ordering.api;

/** A page of one customer's orders, newest first. */
public record ListOrders(long userId, int skip, int limit) {
}
