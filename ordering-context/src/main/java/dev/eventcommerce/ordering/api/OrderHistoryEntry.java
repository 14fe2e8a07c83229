package dev.eventcommerce.ordering.api;

import java.time.Instant;

/**
 * One change of an order, as stored: its sequence in the order's stream, the event type, when, who
 * (from the message metadata; absent for changes made by the system), the trace of the request that
 * made it (W3C trace id, to find its spans and log lines; absent when it was not traced) and the event's
 * data.
 */
public record OrderHistoryEntry(long sequence, String eventType, Instant timestamp, Long actorUserId,
                                String actorUsername, String traceId, OrderEvent data) {
}
