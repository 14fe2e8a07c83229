package dev.eventcommerce.kernel.axon;

import java.util.function.Function;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer.EventProcessorBuilder;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;

/**
 * Tracking processors as Axon's configuration builds them from the event store (the same error handler, rollback,
 * monitor, token store, transaction manager and spans for the processor's name), with their handlers behind a
 * {@link ReplayAwareInvoker}. Register one with
 * {@code eventProcessing().registerEventProcessor(name, TrackingProcessors.from(settings))}.
 */
public final class TrackingProcessors {

    private TrackingProcessors() {
    }

    public static EventProcessorBuilder from(Function<Configuration, TrackingEventProcessorConfiguration> settings) {
        return (name, configuration, invoker) -> {
            EventProcessingConfiguration processing = configuration.eventProcessingConfiguration();
            return TrackingEventProcessor.builder()
                    .name(name)
                    .eventHandlerInvoker(new ReplayAwareInvoker(invoker))
                    .rollbackConfiguration(processing.rollbackConfiguration(name))
                    .errorHandler(processing.errorHandler(name))
                    .messageMonitor(processing.messageMonitor(TrackingEventProcessor.class, name))
                    .messageSource(configuration.eventStore())
                    .tokenStore(processing.tokenStore(name))
                    .transactionManager(processing.transactionManager(name))
                    .trackingEventProcessorConfiguration(settings.apply(configuration))
                    .spanFactory(configuration.getComponent(EventProcessorSpanFactory.class))
                    .build();
        };
    }
}
