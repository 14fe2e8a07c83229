package dev.eventcommerce.ordering.api;

import java.time.Instant;

/**
 * One change of an order, as stored: its sequence in the order's stream, the event type, when, who
 * (from the message metadata; absent for changes made by the system) and the event's data.
 */
public record OrderHistoryEntry(long sequence, String eventType, Instant timestamp, Long actorUserId,
                                String actorUsername, OrderEvent data) {
}
