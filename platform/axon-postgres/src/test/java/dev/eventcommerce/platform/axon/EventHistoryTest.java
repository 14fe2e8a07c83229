package dev.eventcommerce.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

class EventHistoryTest {

    record Renamed(String name) {
    }

    private final EventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();

    @Test
    void everyEventOfTheTypeFromTheFirstWithWhoAndWhichTraceSnapshotsIgnored() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        store(0, new Renamed("a"), MetaData.from(Map.of(ActorMetadata.USER_ID, 7, ActorMetadata.USERNAME, "ann",
                "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")));
        store(1, "not a Renamed", MetaData.emptyInstance());
        store(2, new Renamed("b"), MetaData.from(Map.of("traceparent", "garbage")));
        eventStore.storeSnapshot(new GenericDomainEventMessage<>("Thing", "1", 2, new Renamed("snapshot")));

        List<EventHistory.Entry<Renamed>> history = EventHistory.of(eventStore, "1", Renamed.class);

        assertThat(history).extracting(EventHistory.Entry::sequence).containsExactly(0L, 2L);
        assertThat(history).extracting(EventHistory.Entry::data).containsExactly(new Renamed("a"), new Renamed("b"));
        assertThat(history.get(0).eventType()).isEqualTo("Renamed");
        assertThat(history.get(0).actorUserId()).isEqualTo(7L);
        assertThat(history.get(0).actorUsername()).isEqualTo("ann");
        assertThat(history.get(0).traceId()).isEqualTo(traceId);
        assertThat(history.get(1).actorUserId()).as("the system's change").isNull();
        assertThat(history.get(1).actorUsername()).isNull();
        assertThat(history.get(1).traceId()).as("not a traceparent").isNull();
        assertThat(EventHistory.of(eventStore, "2", Renamed.class)).isEmpty();
    }

    private void store(long sequence, Object event, MetaData metaData) {
        eventStore.publish(new GenericDomainEventMessage<>("Thing", "1", sequence, event, metaData));
    }
}
