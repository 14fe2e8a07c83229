package dev.eventcommerce.platform.axon;

import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The audit trail of one aggregate, read from the event store itself (not from a table that could drift), from
 * its first event: {@code readEvents(id, 0)} ignores snapshots, which would hide history. It stays readable after
 * the aggregate is deleted, since events are never removed.
 */
public final class EventHistory {

    private EventHistory() {
    }

    /**
     * One stored event.
     *
     * @param sequence      its place in the aggregate's stream, from 0
     * @param eventType     the payload's simple class name ({@code OrderPlaced})
     * @param timestamp     when it was stored
     * @param actorUserId   who made the change ({@link ActorMetadata}); null for a change the system made
     * @param actorUsername that user's name; null likewise
     * @param traceId       the W3C trace id of the request that made it (to find its spans and log lines); null
     *                      when it was not traced
     * @param data          the event
     */
    public record Entry<T>(long sequence, String eventType, Instant timestamp, Long actorUserId,
                           String actorUsername, String traceId, T data) {
    }

    /** Every event of the aggregate whose payload is a {@code type}, in order; empty for an unknown aggregate. */
    public static <T> List<Entry<T>> of(EventStore eventStore, String aggregateId, Class<T> type) {
        return eventStore.readEvents(aggregateId, 0L).asStream()
                .filter(message -> type.isInstance(message.getPayload()))
                .map(message -> entry(message, type))
                .toList();
    }

    /**
     * A page of a long history: the events of sequence {@code before - limit} up to {@code before} (exclusive;
     * null: the newest {@code limit}), in order; only those are read. Empty for an unknown aggregate.
     */
    public static <T> List<Entry<T>> page(EventStore eventStore, String aggregateId, Class<T> type, Long before,
                                          int limit) {
        long end = before != null ? before
                : eventStore.lastSequenceNumberFor(aggregateId).map(last -> last + 1).orElse(0L);
        long from = Math.max(0, end - limit);
        if (end <= from) {
            return List.of();
        }
        return eventStore.readEvents(aggregateId, from).asStream()
                .takeWhile(message -> message.getSequenceNumber() < end)
                .filter(message -> type.isInstance(message.getPayload()))
                .map(message -> entry(message, type))
                .toList();
    }

    private static <T> Entry<T> entry(DomainEventMessage<?> message, Class<T> type) {
        Object userId = message.getMetaData().get(ActorMetadata.USER_ID);
        Object username = message.getMetaData().get(ActorMetadata.USERNAME);
        return new Entry<>(message.getSequenceNumber(), message.getPayloadType().getSimpleName(),
                message.getTimestamp(), userId instanceof Number id ? id.longValue() : null,
                username == null ? null : username.toString(), traceId(message.getMetaData().get("traceparent")),
                type.cast(message.getPayload()));
    }

    /** The trace id of a W3C {@code traceparent} ("00-<trace id>-<span id>-<flags>") that tracing stored. */
    static String traceId(Object traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.toString().split("-");
        return parts.length == 4 && parts[1].matches("[0-9a-f]{32}") ? parts[1] : null;
    }
}
