package dev.eventcommerce.catalog.query;

import dev.eventcommerce.catalog.api.FindProductHistory;
import dev.eventcommerce.catalog.api.ProductEvent;
import dev.eventcommerce.catalog.api.ProductHistoryEntry;
import dev.eventcommerce.platform.axon.EventHistory;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The audit trail of a product, read from the event store from its first event ({@link EventHistory}): its
 * changes and every stock movement, after its deletion too.
 */
@Component
class ProductHistory {

    private final EventStore eventStore;

    ProductHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    List<ProductHistoryEntry> handle(FindProductHistory query) {
        return EventHistory.page(eventStore, String.valueOf(query.productId()), ProductEvent.class, query.before(),
                        query.limit()).stream()
                .map(entry -> new ProductHistoryEntry(entry.sequence(), entry.eventType(), entry.timestamp(),
                        entry.actorUserId(), entry.actorUsername(), entry.traceId(), entry.data()))
                .toList();
    }
}
