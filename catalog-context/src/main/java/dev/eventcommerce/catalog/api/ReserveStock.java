package dev.eventcommerce.catalog.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take {@code quantity} units of a product's stock for an order; asked once per order, repeats change nothing. */
public record ReserveStock(@TargetAggregateIdentifier long productId, long orderId, int quantity) {
}
