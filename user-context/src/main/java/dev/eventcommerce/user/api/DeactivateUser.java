package dev.eventcommerce.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin switches a user off for good. */
public record DeactivateUser(@TargetAggregateIdentifier long userId, long requestedBy) {
}
