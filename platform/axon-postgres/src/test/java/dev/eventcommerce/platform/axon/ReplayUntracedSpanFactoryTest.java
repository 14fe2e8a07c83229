package dev.eventcommerce.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DefaultEventProcessorSpanFactory;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;
import org.axonframework.tracing.Span;
import org.axonframework.tracing.SpanAttributesProvider;
import org.axonframework.tracing.SpanFactory;
import org.junit.jupiter.api.Test;

/** The thread marking alone; {@code ProjectionTest} pins it against a real tracking processor's replay. */
class ReplayUntracedSpanFactoryTest {

    final RecordingSpans recorded = new RecordingSpans();
    final SpanFactory spans = ReplayUntracedSpanFactory.wrap(recorded);
    final EventProcessorSpanFactory processorSpans = ReplayUntracedSpanFactory.processorSpans(
            DefaultEventProcessorSpanFactory.builder().spanFactory(spans).distributedInSameTrace(true).build());

    @Test
    void aLiveEventAndItsHandlerAreTraced() {
        handle(event(new GlobalSequenceTrackingToken(7)));

        assertThat(recorded.started).contains("handler")
                .anyMatch(name -> name.startsWith("StreamingEventProcessor.process"));
    }

    @Test
    void aReplayedEventAndItsHandlerAreNotTraced() {
        TrackedEventMessage<?> replayed = event(ReplayToken.createReplayToken(
                new GlobalSequenceTrackingToken(100), new GlobalSequenceTrackingToken(7)));
        assertThat(ReplayToken.isReplay(replayed)).isTrue();

        handle(replayed);

        assertThat(recorded.started).isEmpty();

        handle(event(new GlobalSequenceTrackingToken(8)));
        assertThat(recorded.started).as("live events after a replayed one are traced again").contains("handler");
    }

    @Test
    void aFactoryIsWrappedOnce() {
        assertThat(ReplayUntracedSpanFactory.wrap(spans)).isSameAs(spans);
    }

    private void handle(TrackedEventMessage<?> event) {
        processorSpans.createProcessEventSpan(true, event).run(() -> spans.createInternalSpan(() -> "handler").run(() -> {
        }));
    }

    private static TrackedEventMessage<?> event(TrackingToken token) {
        return new GenericTrackedEventMessage<>(token, GenericEventMessage.asEventMessage("an event"));
    }

    /** A span factory that records the name of every span started. */
    static final class RecordingSpans implements SpanFactory {

        final List<String> started = new CopyOnWriteArrayList<>();

        private Span span(Supplier<String> name) {
            return new Span() {
                @Override
                public Span start() {
                    started.add(name.get());
                    return this;
                }

                @Override
                public void end() {
                }

                @Override
                public Span recordException(Throwable t) {
                    return this;
                }
            };
        }

        @Override
        public Span createRootTrace(Supplier<String> name) {
            return span(name);
        }

        @Override
        public Span createHandlerSpan(Supplier<String> name, Message<?> message, boolean isChildTrace,
                                      Message<?>... linked) {
            return span(name);
        }

        @Override
        public Span createDispatchSpan(Supplier<String> name, Message<?> message, Message<?>... linked) {
            return span(name);
        }

        @Override
        public Span createInternalSpan(Supplier<String> name) {
            return span(name);
        }

        @Override
        public Span createInternalSpan(Supplier<String> name, Message<?> message) {
            return span(name);
        }

        @Override
        public void registerSpanAttributeProvider(SpanAttributesProvider provider) {
        }

        @Override
        public <M extends Message<?>> M propagateContext(M message) {
            return message;
        }
    }
}
