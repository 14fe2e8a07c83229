package dev.eventcommerce.platform.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

import dev.eventcommerce.platform.axon.Projection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replay's status on Axon's own configuration (in-memory event and token stores). The case that matters is the
 * one of several instances: the instance that started a replay holds some segments, the others are held, or about
 * to be claimed again, by other instances; the replay is not done until every segment has been rebuilt.
 */
class ProcessorOperationsTest {

    static final String NAME = "things";
    static final int EVENTS = 40;

    final InMemoryTokenStore tokens = new InMemoryTokenStore();
    final Things things = new Things();
    Configuration configuration;
    ProcessorOperations operations;

    @BeforeEach
    void start() {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        configurer.eventProcessing().registerTokenStore(c -> tokens).registerEventHandler(c -> things);
        Projection projection = Projection.of(NAME, 2, 10, Things.class);
        projection.configureModule(configurer);
        configuration = configurer.start();
        operations = new ProcessorOperations(configuration.eventProcessingConfiguration(), configuration.eventStore(),
                new TokenStoreRows());
        awaitUntil("both segments claimed", () -> processor().processingStatus().size() == 2);
        IntStream.range(0, EVENTS).forEach(i -> configuration.eventBus().publish(asEventMessage("e" + i)));
        awaitUntil("every event seen", () -> things.seen.size() == EVENTS);
    }

    @AfterEach
    void stop() {
        configuration.shutdown();
    }

    @Test
    void aReplayIsReportedUntilTheSegmentThisInstanceLetGoOfIsRebuiltToo() {
        // as when another instance is to claim segment 1 once the replay has reset it
        processor().releaseSegment(1, 1, TimeUnit.MINUTES);

        operations.replay(NAME);
        awaitUntil("segment 0 rebuilt", () -> {
            ProcessorStatus.Segment zero = operations.status(NAME).segments().get(0);
            return zero.claimed() && !zero.replaying() && zero.position() != null && zero.position() >= EVENTS - 1;
        });

        ProcessorStatus midway = operations.status(NAME);
        assertThat(midway.replaying()).as("segment 1 is still to be replayed: %s", midway).isTrue();
        assertThat(midway.replayProgress()).as("the slowest segment has not started").isEqualTo(0.0);
        ProcessorStatus.Segment one = midway.segments().get(1);
        assertThat(one.claimed()).isFalse();
        assertThat(one.replaying()).as("its stored token is a replay token at the start").isTrue();

        processor().releaseSegment(1, 0, TimeUnit.MILLISECONDS);
        awaitUntil("the replay done on every segment", () -> !operations.status(NAME).replaying());
        assertThat(things.seen).hasSize(EVENTS);
        assertThat(operations.status(NAME).segments()).allSatisfy(segment -> {
            assertThat(segment.claimed()).isTrue();
            assertThat(segment.replaying()).isFalse();
        });
    }

    @Test
    void aSegmentNoInstanceHoldsIsReportedWhereItsTokenIs() {
        processor().releaseSegment(1, 1, TimeUnit.MINUTES);
        awaitUntil("segment 1 let go", () -> !processor().processingStatus().containsKey(1));

        ProcessorStatus status = operations.status(NAME);

        ProcessorStatus.Segment one = status.segments().get(1);
        assertThat(one.claimed()).isFalse();
        assertThat(one.replaying()).isFalse();
        assertThat(one.position()).as("where it stopped: %s", status).isNotNull();
        assertThat(status.replaying()).isFalse();
        assertThat(status.replayProgress()).isNull();
    }

    private TrackingEventProcessor processor() {
        return configuration.eventProcessingConfiguration().eventProcessor(NAME, TrackingEventProcessor.class)
                .orElseThrow();
    }

    /** The token store's rows, as the services read them from PostgreSQL (the in-memory store has no owners). */
    private final class TokenStoreRows implements ProcessorOperations.SegmentOwners {

        @Override
        public String self() {
            return "this";
        }

        @Override
        public Map<Integer, ProcessorOperations.StoredSegment> of(String processorName) {
            Map<Integer, ProcessorOperations.StoredSegment> rows = new HashMap<>();
            for (int segment : tokens.fetchSegments(processorName)) {
                rows.put(segment, new ProcessorOperations.StoredSegment(null, tokens.fetchToken(processorName, segment)));
            }
            return rows;
        }

        @Override
        public void pauseElsewhere(String processorName) {
        }

        @Override
        public void resume(String processorName) {
        }
    }

    private static void awaitUntil(String what, Callable<Boolean> condition) {
        await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(condition);
    }

    @ProcessingGroup(NAME)
    static class Things {

        final List<String> seen = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(String event) {
            seen.add(event);
        }

        @ResetHandler
        void reset() {
            seen.clear();
        }
    }
}
