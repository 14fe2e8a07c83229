package dev.eventcommerce.catalog.api;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change some of a product's details, on behalf of {@code requestedBy} (its owner, or an admin); a
 * {@code null} field keeps its current value.
 */
public record UpdateProduct(@TargetAggregateIdentifier long productId, String name, String description,
                            BigDecimal price, Integer quantity, long requestedBy, boolean requestedByAdmin) {
}
