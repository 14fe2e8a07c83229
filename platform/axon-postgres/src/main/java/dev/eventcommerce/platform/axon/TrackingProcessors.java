package dev.eventcommerce.platform.axon;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer.EventProcessorBuilder;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The one place where a streaming processor is built: a projection's ({@link Projection}) and a bridge's
 * ({@link #bridge}). Each is a tracking processor as Axon's configuration builds one from the event store (the same
 * error handler, rollback, monitor, token store and transaction manager for the processor's name), with every
 * speed-up this module has for processors:
 * <ul>
 * <li>its handlers behind a {@link ReplayAwareInvoker} (asks once, not per event, which handlers take part in
 * replays);</li>
 * <li>{@link SharedEmptyResult} as its outermost handler interceptor (no result message per event);</li>
 * <li>its spans from {@link ReplayUntracedSpanFactory#processorSpans} (nothing traced for replayed events);</li>
 * <li>batches of events per transaction, an idle wait and a claim interval chosen below.</li>
 * </ul>
 * Axon's own builder ({@code EventProcessingModule}'s) is what this one must stay equal to in everything else:
 * {@code ProjectionTest} pins that a processor built here uses the configuration's token store and error handler.
 *
 * <p>Every streaming processor here is a tracking one: its threads wait on the event store's stream and are
 * woken as soon as a command of this instance commits an event. Axon's pooled processor is not: without an
 * availability callback from the embedded event store's streams it looks for new events every 500 ms, which
 * was two thirds of an order's time from placed to confirmed (two bridges, ~250 ms each on average).
 */
public final class TrackingProcessors {

    /**
     * An idle thread waits at most this long for new events (new events wake it at once), then extends its claim in
     * a transaction of its own and looks again whether it should stop (a replay stops the processor first, and
     * waits for it). Axon's default is a second; at 100 ms every idle segment cost ten transactions a second.
     */
    static final long IDLE_WAIT_MILLIS = 500;
    /** A segment another instance left is taken over within a second of its claim's timeout. */
    static final long CLAIM_INTERVAL_MILLIS = 1000;

    private TrackingProcessors() {
    }

    /** A projection's processor: a segment per thread, in batches of up to its batch size (see {@link Projection}). */
    static EventProcessorBuilder projection(Projection projection) {
        return from(configuration -> settings(TrackingEventProcessorConfiguration
                .forParallelProcessing(projection.segments())
                .andInitialSegmentsCount(projection.segments()), projection.batchSize()), projection::verify);
    }

    /**
     * A bridge's processor (a {@code @DisallowReplay} publisher to RabbitMQ): one segment, so messages leave in
     * event order, and it starts from the first event, not from the head: it may never be replayed, and a new
     * processor's default start (a replay up to the current head) would make it skip every event stored before
     * its token existed. A failed publish stops it where it is (platform/axon-postgres's propagating error handler).
     */
    public static ConfigurerModule bridge(String name, int batchSize) {
        return configurer -> configurer.eventProcessing().registerEventProcessor(name, from(configuration ->
                settings(TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andInitialSegmentsCount(1)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken), batchSize),
                invoker -> { }));
    }

    private static TrackingEventProcessorConfiguration settings(TrackingEventProcessorConfiguration configuration,
                                                                int batchSize) {
        return configuration.andBatchSize(batchSize)
                .andEventAvailabilityTimeout(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS)
                .andTokenClaimInterval(CLAIM_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static EventProcessorBuilder from(Function<Configuration, TrackingEventProcessorConfiguration> settings,
                                              Consumer<EventHandlerInvoker> verification) {
        return (name, configuration, invoker) -> {
            EventProcessingConfiguration processing = configuration.eventProcessingConfiguration();
            verification.accept(invoker);
            ReplayAwareInvoker handlers = new ReplayAwareInvoker(invoker);
            TrackingEventProcessor processor = TrackingEventProcessor.builder()
                    .name(name)
                    .eventHandlerInvoker(handlers)
                    .rollbackConfiguration(processing.rollbackConfiguration(name))
                    .errorHandler(processing.errorHandler(name))
                    .messageMonitor(processing.messageMonitor(TrackingEventProcessor.class, name))
                    .messageSource(configuration.eventStore())
                    .tokenStore(processing.tokenStore(name))
                    .transactionManager(processing.transactionManager(name))
                    .trackingEventProcessorConfiguration(settings.apply(configuration))
                    .spanFactory(ReplayUntracedSpanFactory.processorSpans(
                            configuration.getComponent(EventProcessorSpanFactory.class)))
                    .build();
            // first, so outermost: it must see the handlers' null before Axon wraps it in a result message
            processor.registerHandlerInterceptor(new SharedEmptyResult());
            return processor;
        };
    }
}
