package dev.eventcommerce.ordering.api;

import java.time.Instant;

/** Ids of orders still pending that were placed before {@code placedBefore}, oldest first, at most {@code limit}. */
public record FindPendingOrders(Instant placedBefore, int limit) {
}
