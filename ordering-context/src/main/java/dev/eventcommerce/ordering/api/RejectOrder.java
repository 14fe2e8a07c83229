package dev.eventcommerce.ordering.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The order cannot have its stock ({@code reason}): a pending order becomes rejected; for any other,
 * nothing happens. {@code releasesStock} when catalog may still hold (or later take) stock for it, as
 * after the reservation deadline.
 */
public record RejectOrder(@TargetAggregateIdentifier long orderId, String reason, boolean releasesStock) {
}
