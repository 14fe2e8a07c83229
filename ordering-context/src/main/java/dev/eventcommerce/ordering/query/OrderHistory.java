package dev.eventcommerce.ordering.query;

import dev.eventcommerce.platform.axon.ActorMetadata;
import dev.eventcommerce.ordering.api.FindOrderHistory;
import dev.eventcommerce.ordering.api.OrderEvent;
import dev.eventcommerce.ordering.api.OrderHistoryEntry;
import dev.eventcommerce.ordering.api.OrderPlaced;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The audit trail of an order, read from the event store itself (not from a table that could drift), from
 * its first event: {@code readEvents(id, 0)} ignores snapshots, which would hide history. It stays
 * available after the order is deleted. Who made each change is told as {@link OrderHistoryEntry} says.
 */
@Component
class OrderHistory {

    private final EventStore eventStore;

    OrderHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    List<OrderHistoryEntry> handle(FindOrderHistory query) {
        List<OrderHistoryEntry> entries = eventStore.readEvents(String.valueOf(query.orderId()), 0L).asStream()
                .filter(message -> message.getPayload() instanceof OrderEvent)
                .map(OrderHistory::entry)
                .toList();
        if (query.requestedByAdmin() || entries.isEmpty() || !(entries.get(0).data() instanceof OrderPlaced placed)) {
            return entries;
        }
        return entries.stream().map(entry -> asSeenByTheCustomer(entry, placed.userId())).toList();
    }

    private static OrderHistoryEntry entry(DomainEventMessage<?> message) {
        Object userId = message.getMetaData().get(ActorMetadata.USER_ID);
        Object username = message.getMetaData().get(ActorMetadata.USERNAME);
        return new OrderHistoryEntry(message.getSequenceNumber(), message.getPayloadType().getSimpleName(),
                message.getTimestamp(), userId instanceof Number id ? id.longValue() : null,
                username == null ? null : username.toString(), traceId(message.getMetaData().get("traceparent")),
                (OrderEvent) message.getPayload());
    }

    /** Only the order's customer, or an admin, changes an order: any other actor (or none) is the shop. */
    private static OrderHistoryEntry asSeenByTheCustomer(OrderHistoryEntry entry, long customer) {
        if (entry.actorUserId() != null && entry.actorUserId() == customer) {
            return entry;
        }
        return new OrderHistoryEntry(entry.sequence(), entry.eventType(), entry.timestamp(), null,
                OrderHistoryEntry.SHOP, entry.traceId(), entry.data());
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
