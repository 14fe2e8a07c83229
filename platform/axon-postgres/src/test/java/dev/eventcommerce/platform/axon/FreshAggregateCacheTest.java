package dev.eventcommerce.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;

/**
 * Pins what {@link FreshAggregateCache} reads from Axon's own cache entry: the version of the aggregate it was
 * made from. If an Axon upgrade moves it, this fails (rather than every cached aggregate being reloaded).
 */
class FreshAggregateCacheTest {

    static class Lamp {
        @AggregateIdentifier
        String id = "lamp-1";
    }

    @Test
    void theVersionOfAnAxonCacheEntryIsTheVersionOfItsAggregate() {
        EventSourcedAggregate<Lamp> aggregate = EventSourcedAggregate.initialize(new Lamp(),
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Lamp.class), null, (SnapshotTrigger) null);
        aggregate.initSequence(41);

        assertThat(aggregate.version()).isEqualTo(41L);
        assertThat(FreshAggregateCache.version(new AggregateCacheEntry<>(aggregate))).isEqualTo(41L);
    }

    @Test
    void anythingElseHasNoVersion() {
        assertThat(FreshAggregateCache.version("not an entry")).isNull();
    }
}
