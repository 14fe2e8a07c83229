package dev.eventcommerce.ordering.query;

import dev.eventcommerce.platform.axon.EventHistory;
import dev.eventcommerce.ordering.api.FindOrderHistory;
import dev.eventcommerce.ordering.api.OrderEvent;
import dev.eventcommerce.ordering.api.OrderHistoryEntry;
import dev.eventcommerce.ordering.api.OrderPlaced;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The audit trail of an order, read from the event store from its first event ({@link EventHistory}); it stays
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
        List<OrderHistoryEntry> entries = EventHistory.of(eventStore, String.valueOf(query.orderId()), OrderEvent.class)
                .stream()
                .map(entry -> new OrderHistoryEntry(entry.sequence(), entry.eventType(), entry.timestamp(),
                        entry.actorUserId(), entry.actorUsername(), entry.traceId(), entry.data()))
                .toList();
        if (query.requestedByAdmin() || entries.isEmpty() || !(entries.get(0).data() instanceof OrderPlaced placed)) {
            return entries;
        }
        return entries.stream().map(entry -> asSeenByTheCustomer(entry, placed.userId())).toList();
    }

    /** Only the order's customer, or an admin, changes an order: any other actor (or none) is the shop. */
    private static OrderHistoryEntry asSeenByTheCustomer(OrderHistoryEntry entry, long customer) {
        if (entry.actorUserId() != null && entry.actorUserId() == customer) {
            return entry;
        }
        return new OrderHistoryEntry(entry.sequence(), entry.eventType(), entry.timestamp(), null,
                OrderHistoryEntry.SHOP, entry.traceId(), entry.data());
    }
}
