package dev.eventcommerce.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.junit.jupiter.api.Test;

class ReplayUntracedSpanFactoryTest {

    final InMemorySpanExporter exported = InMemorySpanExporter.create();
    final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .build();
    final SpanFactory spans = new ObservabilityAutoConfiguration().axonSpanFactory(openTelemetry);
    final EventProcessorSpanFactory processorSpans = new ObservabilityAutoConfiguration().eventProcessorSpanFactory(spans);

    @Test
    void aLiveEventAndItsHandlerAreTraced() {
        handle(event(new GlobalSequenceTrackingToken(7)));

        assertThat(exported.getFinishedSpanItems()).extracting(SpanData::getName)
                .contains("handler").anyMatch(name -> name.startsWith("StreamingEventProcessor.process"));
    }

    @Test
    void aReplayedEventAndItsHandlerAreNotTraced() {
        TrackedEventMessage<?> replayed = event(ReplayToken.createReplayToken(
                new GlobalSequenceTrackingToken(100), new GlobalSequenceTrackingToken(7)));
        assertThat(ReplayToken.isReplay(replayed)).isTrue();

        handle(replayed);

        assertThat(exported.getFinishedSpanItems()).isEmpty();

        handle(event(new GlobalSequenceTrackingToken(8)));
        assertThat(exported.getFinishedSpanItems()).as("live events after a replayed one are traced again")
                .extracting(SpanData::getName).contains("handler");
    }

    private void handle(TrackedEventMessage<?> event) {
        processorSpans.createProcessEventSpan(true, event).run(() -> spans.createInternalSpan(() -> "handler").run(() -> {
        }));
    }

    private static TrackedEventMessage<?> event(org.axonframework.eventhandling.TrackingToken token) {
        return new GenericTrackedEventMessage<>(token, GenericEventMessage.asEventMessage("an event"));
    }
}
