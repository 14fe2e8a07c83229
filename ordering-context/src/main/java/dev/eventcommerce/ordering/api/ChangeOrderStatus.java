package dev.eventcommerce.ordering.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Move an order to another status, on behalf of {@code requestedBy} (its owner, or an admin).
 * {@code expectedVersion}, when given (from {@code If-Match}), must be the order's current version.
 */
public record ChangeOrderStatus(@TargetAggregateIdentifier long orderId, OrderStatus status, long requestedBy,
                                boolean requestedByAdmin, @TargetAggregateVersion Long expectedVersion) {
}
