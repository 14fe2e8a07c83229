package dev.eventcommerce.ordering.query;

import dev.eventcommerce.kernel.axon.ReplayAwareInvoker;
import dev.eventcommerce.kernel.axon.TrackingProcessors;
import dev.eventcommerce.ordering.api.OrderView;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The order-view processor, registered here rather than in application.yml because two of its settings have no
 * property. A tracking processor, each of its two threads reading its segment straight from the store (replays
 * ran 2.4x faster than pooled), in batches of up to 1000 events, each one transaction and one set-based write
 * (large batches make replays fast and cost live traffic nothing: a batch holds only the events that are there).
 *
 * <p>The settings without a property: its handlers sit behind a {@link ReplayAwareInvoker} (see
 * {@link TrackingProcessors}), which made replays a fifth faster; and an idle segment thread waits at most 100 ms
 * for new events (Axon's default is a second) before it looks again whether it should stop. A replay stops the
 * processor first, and waited up to that second for each thread; new events wake the threads at once either way.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class OrderViewProcessing {

    private static final int SEGMENTS = 2;
    private static final int BATCH_SIZE = 1000;
    private static final long IDLE_WAIT_MILLIS = 100;
    private static final long CLAIM_INTERVAL_MILLIS = 1000;

    @Bean
    ConfigurerModule orderViewProcessor() {
        return configurer -> configurer.eventProcessing().registerEventProcessor(OrderView.PROJECTION,
                TrackingProcessors.from(configuration -> TrackingEventProcessorConfiguration
                        .forParallelProcessing(SEGMENTS)
                        .andInitialSegmentsCount(SEGMENTS)
                        .andBatchSize(BATCH_SIZE)
                        .andEventAvailabilityTimeout(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS)
                        // a segment another instance left is taken over within a second of its claim's timeout
                        .andTokenClaimInterval(CLAIM_INTERVAL_MILLIS, TimeUnit.MILLISECONDS)));
    }
}
