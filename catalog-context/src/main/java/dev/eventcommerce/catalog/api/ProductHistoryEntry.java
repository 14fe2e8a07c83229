package dev.eventcommerce.catalog.api;

import java.time.Instant;

/**
 * One change of a product, as stored: its sequence in the product's stream, the event type, when, who (the user
 * from the message metadata; no one for a change the system made, such as a stock reservation asked for by an
 * order), the W3C trace id of the request or message that made it (absent when it was not traced) and the
 * event's data.
 */
public record ProductHistoryEntry(long sequence, String eventType, Instant timestamp, Long actorUserId,
                                  String actorUsername, String traceId, ProductEvent data) {
}
