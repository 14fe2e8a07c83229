package dev.eventcommerce.ordering.api;

public record FindOrder(long orderId) {
}
