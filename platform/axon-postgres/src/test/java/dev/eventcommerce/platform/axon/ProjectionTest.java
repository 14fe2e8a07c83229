package dev.eventcommerce.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.tracing.SpanFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A projection as a service declares it, on Axon's own configuration (in-memory event and token stores): this
 * pins what {@link TrackingProcessors} takes from Axon when it builds the processor in Axon's place (the
 * configuration's token store and error handler), that {@link SharedEmptyResult} sits outside Axon's correlation
 * data interceptor, and that a real replay makes no spans ({@link ReplayUntracedSpanFactory}).
 */
class ProjectionTest {

    static final String NAME = "things";

    final ReplayUntracedSpanFactoryTest.RecordingSpans recorded = new ReplayUntracedSpanFactoryTest.RecordingSpans();
    final SpanFactory spans = ReplayUntracedSpanFactory.wrap(recorded);
    final InMemoryTokenStore tokens = new InMemoryTokenStore();
    final AtomicInteger correlationDataCalls = new AtomicInteger();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final Things things = new Things(spans);
    Configuration configuration;

    @AfterEach
    void stop() {
        if (configuration != null) {
            configuration.shutdown();
        }
    }

    @Test
    void aProjectionIsATrackingProcessorOfItsSegmentsOnTheConfigurationsTokenStore() {
        start(configurer(things), Projection.of(NAME, 2, 10, Things.class));

        publish("a", "b", "c");

        awaitUntil(() -> things.seen.size() == 3);
        assertThat(things.seen).containsExactlyInAnyOrder("a", "b", "c");
        TrackingEventProcessor processor = processor();
        assertThat(processor.maxCapacity()).isEqualTo(2);
        assertThat(tokens.fetchSegments(NAME)).containsExactlyInAnyOrder(0, 1);
        assertThat(correlationDataCalls).as("no result message per event (SharedEmptyResult)").hasValue(0);
        assertThat(recorded.started).as("live events are traced").contains("handler a", "handler b", "handler c");
    }

    @Test
    void aReplayClearsTheReadModelAndRebuildsItUntraced() {
        start(configurer(things), Projection.of(NAME, 2, 10, Things.class));
        publish("a", "b");
        awaitUntil(() -> things.seen.size() == 2);
        recorded.started.clear();

        TrackingEventProcessor processor = processor();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        awaitUntil(() -> things.seen.size() == 2 && !processor.isReplaying());
        assertThat(things.resets).hasValue(1);
        assertThat(recorded.started).as("replayed events are not traced").noneMatch(name -> name.startsWith("handler"));
        publish("c");
        awaitUntil(() -> things.seen.contains("c"));
        assertThat(recorded.started).contains("handler c");
    }

    @Test
    void aFailingHandlerReachesTheErrorHandlerConfiguredForTheProcessor() {
        start(configurer(things), Projection.of(NAME, 1, 10, Things.class));

        publish("fail");

        awaitUntil(() -> !errors.isEmpty());
        assertThat(errors).first().isEqualTo(NAME);
    }

    @Test
    void aProcessorWithHandlersThatAreNotDeclaredDoesNotStart() {
        Configurer configurer = configurer(things);
        configurer.eventProcessing().registerEventHandler(c -> new Stray());

        assertThatThrownBy(() -> start(configurer, Projection.of(NAME, 1, 10, Things.class)))
                .hasStackTraceContaining("is declared with handlers");
    }

    @Test
    void aDeclarationThatCouldNotRebuildTheReadModelIsRefused() {
        assertThatThrownBy(() -> Projection.of(NAME, 1, 10, Ungrouped.class))
                .hasMessageContaining("not annotated @ProcessingGroup(\"things\")");
        assertThatThrownBy(() -> Projection.of(NAME, 1, 10, Mailer.class)).hasMessageContaining("@DisallowReplay");
        assertThatThrownBy(() -> Projection.of(NAME, 1, 10, Stray.class)).hasMessageContaining("@ResetHandler");
        assertThatThrownBy(() -> Projection.of(NAME, 0, 10, Things.class)).isInstanceOf(IllegalArgumentException.class);
    }

    private Configurer configurer(Object handler) {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureSpanFactory(c -> spans)
                .configureCorrelationDataProviders(c -> List.of(message -> {
                    correlationDataCalls.incrementAndGet();
                    return Map.of();
                }));
        configurer.eventProcessing()
                .registerTokenStore(c -> tokens)
                .registerEventHandler(c -> handler)
                // as in the services (AxonPostgresAutoConfiguration)
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerErrorHandler(NAME, c -> error -> errors.add(error.eventProcessor()));
        return configurer;
    }

    private void start(Configurer configurer, Projection projection) {
        projection.configureModule(configurer);
        configuration = configurer.start();
        // a new processor's tokens start at the head it sees first: events before that count as a replay
        awaitUntil(() -> processor().processingStatus().size() == projection.segments());
    }

    private void publish(String... events) {
        for (String event : events) {
            configuration.eventBus().publish(asEventMessage(event));
        }
    }

    private TrackingEventProcessor processor() {
        return configuration.eventProcessingConfiguration().eventProcessor(NAME, TrackingEventProcessor.class)
                .orElseThrow();
    }

    private static void awaitUntil(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(condition);
    }

    @ProcessingGroup(NAME)
    static class Things {

        final List<String> seen = new CopyOnWriteArrayList<>();
        final AtomicInteger resets = new AtomicInteger();
        private final SpanFactory spans;

        Things(SpanFactory spans) {
            this.spans = spans;
        }

        @EventHandler
        void on(String event) {
            if (event.equals("fail")) {
                throw new IllegalStateException("handler failed");
            }
            spans.createInternalSpan(() -> "handler " + event).run(() -> seen.add(event));
        }

        @ResetHandler
        void reset() {
            resets.incrementAndGet();
            seen.clear();
        }
    }

    @ProcessingGroup(NAME)
    static class Stray {

        @EventHandler
        void on(String event) {
        }
    }

    static class Ungrouped {

        @ResetHandler
        void reset() {
        }
    }

    @ProcessingGroup(NAME)
    @DisallowReplay
    static class Mailer {

        @ResetHandler
        void reset() {
        }
    }
}
