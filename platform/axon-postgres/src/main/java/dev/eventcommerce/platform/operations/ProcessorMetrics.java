package dev.eventcommerce.platform.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The operations API's view of every streaming processor as meters, for dashboards and alerts (Axon has no
 * lag metric without Axon Server): {@code axon.processor.lag} (events behind the event store's head),
 * {@code axon.processor.position}, {@code axon.processor.running}, {@code axon.processor.replaying} and
 * {@code axon.processor.replay.progress} (0–1) and {@code axon.processor.segments.errored} per processor, and
 * {@code axon.event.store.head}. Read on a
 * schedule ({@code eventcommerce.operations.metrics-interval}) rather than at every scrape: the head and the
 * tokens are database reads.
 */
public class ProcessorMetrics {

    private static final Logger log = LoggerFactory.getLogger(ProcessorMetrics.class);

    private final ProcessorOperations operations;
    private final MultiGauge lag;
    private final MultiGauge position;
    private final MultiGauge running;
    private final MultiGauge replaying;
    private final MultiGauge replayProgress;
    private final MultiGauge erroredSegments;
    private final AtomicLong head = new AtomicLong(-1);

    public ProcessorMetrics(ProcessorOperations operations, MeterRegistry meters) {
        this.operations = operations;
        this.lag = MultiGauge.builder("axon.processor.lag").baseUnit("events")
                .description("Events between the event store's head and the processor's position").register(meters);
        this.position = MultiGauge.builder("axon.processor.position")
                .description("Global index of the last event the processor handled (slowest segment)").register(meters);
        this.running = MultiGauge.builder("axon.processor.running")
                .description("1 while the processor runs in this instance").register(meters);
        this.replaying = MultiGauge.builder("axon.processor.replaying")
                .description("1 while the processor rebuilds its read model").register(meters);
        this.replayProgress = MultiGauge.builder("axon.processor.replay.progress")
                .description("Share of the events up to the reset point replayed (0-1), while replaying").register(meters);
        this.erroredSegments = MultiGauge.builder("axon.processor.segments.errored")
                .description("Segments stopped at an event whose handler fails (retried; see /admin/processors)")
                .register(meters);
        meters.gauge("axon.event.store.head", head, AtomicLong::get);
    }

    /** Takes a fresh reading; a failed one (database down) keeps the last values. */
    @Scheduled(fixedDelayString = "${eventcommerce.operations.metrics-interval:5s}")
    void refresh() {
        try {
            List<ProcessorStatus> statuses = operations.statuses();
            statuses.stream().findFirst().ifPresent(status -> head.set(status.head()));
            lag.register(rows(statuses, status -> status.lag() == null ? 0 : status.lag()), true);
            position.register(rows(statuses, status -> status.position() == null ? -1 : status.position()), true);
            running.register(rows(statuses, status -> status.running() ? 1 : 0), true);
            replaying.register(rows(statuses, status -> status.replaying() ? 1 : 0), true);
            replayProgress.register(rows(statuses,
                    status -> status.replayProgress() == null ? (status.replaying() ? 0 : 1) : status.replayProgress()),
                    true);
            erroredSegments.register(rows(statuses,
                    status -> status.segments().stream().filter(segment -> segment.error() != null).count()), true);
        } catch (RuntimeException e) {
            log.debug("Processor metrics not refreshed: {}", e.getMessage());
        }
    }

    private static List<MultiGauge.Row<?>> rows(List<ProcessorStatus> statuses, ToDoubleFunction<ProcessorStatus> value) {
        return statuses.stream()
                .<MultiGauge.Row<?>>map(status -> MultiGauge.Row.of(Tags.of("processor", status.name()),
                        value.applyAsDouble(status)))
                .toList();
    }
}
