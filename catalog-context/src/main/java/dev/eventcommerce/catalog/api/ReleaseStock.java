package dev.eventcommerce.catalog.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give back what a product holds for an order (cancelled, or given up on); repeats change nothing. */
public record ReleaseStock(@TargetAggregateIdentifier long productId, long orderId, String reason) {
}
