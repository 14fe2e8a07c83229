package dev.eventcommerce.ordering.query;

import static dev.eventcommerce.ordering.api.OrderStatus.CONFIRMED;
import static dev.eventcommerce.ordering.api.OrderStatus.DELIVERED;
import static dev.eventcommerce.ordering.api.OrderStatus.PENDING;
import static dev.eventcommerce.ordering.api.OrderStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.axon.ActorMetadata;
import dev.eventcommerce.ordering.api.FindOrderHistory;
import dev.eventcommerce.ordering.api.OrderEvent;
import dev.eventcommerce.ordering.api.OrderHistoryEntry;
import dev.eventcommerce.ordering.api.OrderPlaced;
import dev.eventcommerce.ordering.api.OrderStatusChanged;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderHistoryTest {

    private static final long CUSTOMER = 101;

    private EventStore eventStore;
    private OrderHistory history;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        history = new OrderHistory(eventStore);
        store(0, new OrderPlaced(9, CUSTOMER, 3, "Lamp", 1, new BigDecimal("2.00"), new BigDecimal("2.00")),
                actor(CUSTOMER, "alice"));
        store(1, new OrderStatusChanged(9, PENDING, CONFIRMED), MetaData.emptyInstance());
        store(2, new OrderStatusChanged(9, CONFIRMED, SHIPPED), actor(1, "admin"));
        store(3, new OrderStatusChanged(9, SHIPPED, DELIVERED), actor(1, "admin"));
    }

    @Test
    void anAdminSeesWhoMadeEachChangeAndNoOneForTheSystems() {
        List<OrderHistoryEntry> entries = history.handle(new FindOrderHistory(9, true));

        assertThat(entries).extracting(OrderHistoryEntry::actorUserId).containsExactly(CUSTOMER, null, 1L, 1L);
        assertThat(entries).extracting(OrderHistoryEntry::actorUsername)
                .containsExactly("alice", null, "admin", "admin");
    }

    @Test
    void theCustomerSeesItselfAndTheShopForEverythingElse() {
        List<OrderHistoryEntry> entries = history.handle(new FindOrderHistory(9, false));

        assertThat(entries).extracting(OrderHistoryEntry::actorUserId).containsExactly(CUSTOMER, null, null, null);
        assertThat(entries).extracting(OrderHistoryEntry::actorUsername)
                .containsExactly("alice", OrderHistoryEntry.SHOP, OrderHistoryEntry.SHOP, OrderHistoryEntry.SHOP);
        assertThat(entries).extracting(OrderHistoryEntry::sequence).containsExactly(0L, 1L, 2L, 3L);
        assertThat(entries.get(2).data()).isEqualTo(new OrderStatusChanged(9, CONFIRMED, SHIPPED));
    }

    @Test
    void anUnknownOrderHasNoHistory() {
        assertThat(history.handle(new FindOrderHistory(404, false))).isEmpty();
    }

    private void store(long sequence, OrderEvent event, MetaData metaData) {
        eventStore.publish(new GenericDomainEventMessage<>("Order", "9", sequence, event, metaData));
    }

    private static MetaData actor(long userId, String username) {
        return MetaData.from(Map.of(ActorMetadata.USER_ID, userId, ActorMetadata.USERNAME, username));
    }
}
