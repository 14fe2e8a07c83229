package dev.eventcommerce.catalog.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a product out of the catalogue, on behalf of {@code requestedBy} (its owner, or an admin). */
public record DeleteProduct(@TargetAggregateIdentifier long productId, long requestedBy, boolean requestedByAdmin) {
}
