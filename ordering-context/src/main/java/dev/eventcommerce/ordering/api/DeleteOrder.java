package dev.eventcommerce.ordering.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Delete an order, on behalf of its owner or an admin. */
public record DeleteOrder(@TargetAggregateIdentifier long orderId, long requestedBy, boolean requestedByAdmin,
                          @TargetAggregateVersion Long expectedVersion) {
}
