package dev.eventcommerce.ordering.api;

/**
 * A page of every customer's orders, newest first, for the shop's staff; narrowed to one customer and/or one
 * status when those are given (null: any).
 */
public record ListAllOrders(Long customerId, OrderStatus status, int skip, int limit) {
}
