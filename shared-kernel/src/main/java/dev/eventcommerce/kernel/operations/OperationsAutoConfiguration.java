package dev.eventcommerce.kernel.operations;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The processors' operations API, in every service. */
@AutoConfiguration
public class OperationsAutoConfiguration {

    @Bean
    public ProcessorOperations processorOperations(Configuration axonConfiguration, EventStore eventStore,
                                                   TokenStore tokenStore) {
        return new ProcessorOperations(axonConfiguration.eventProcessingConfiguration(), eventStore, tokenStore);
    }

    @Bean
    public ProcessorMetrics streamingProcessorMetrics(ProcessorOperations operations, MeterRegistry meters,
                                             @Value("${eventcommerce.operations.metrics-interval:5s}") Duration interval) {
        return new ProcessorMetrics(operations, meters, interval);
    }

    @Bean
    public ProcessorController processorController(ProcessorOperations operations) {
        return new ProcessorController(operations);
    }
}
