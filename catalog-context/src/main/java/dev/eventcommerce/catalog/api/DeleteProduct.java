package dev.eventcommerce.catalog.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteProduct(@TargetAggregateIdentifier long productId) {
}
