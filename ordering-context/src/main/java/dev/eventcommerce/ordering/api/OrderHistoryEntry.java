package dev.eventcommerce.ordering.api;

import java.time.Instant;

/**
 * One change of an order, as stored: its sequence in the order's stream, the event type, when, who, the
 * trace of the request that made it (W3C trace id, to find its spans and log lines; absent when it was
 * not traced) and the event's data.
 *
 * <p>Who: for an admin, the user from the message metadata, and no one for a change the system made (the
 * stock reservation's confirmation or rejection). For the customer, itself for its own changes, and
 * otherwise the shop ({@link #SHOP}, with no user id): the shop's staff are not named to customers.
 */
public record OrderHistoryEntry(long sequence, String eventType, Instant timestamp, Long actorUserId,
                                String actorUsername, String traceId, OrderEvent data) {

    /** The actor a customer is shown for a change made by the shop's staff or by the system. */
    public static final String SHOP = "shop";
}
