package dev.eventcommerce.ordering.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Catalog reserved the order's stock: a pending order becomes confirmed; for any other, nothing happens. */
public record ConfirmOrder(@TargetAggregateIdentifier long orderId) {
}
