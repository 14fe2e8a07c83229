package dev.eventcommerce.platform.operations;

import dev.eventcommerce.platform.axon.SegmentBalancer;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The processors' operations API, in every service. */
@AutoConfiguration
@EnableScheduling
public class OperationsAutoConfiguration {

    @Bean
    public ProcessorOperations processorOperations(Configuration axonConfiguration, EventStore eventStore,
                                                   TokenStore tokenStore, JdbcClient jdbc, SegmentBalancer balancer) {
        ProcessorOperations.SegmentOwners owners = new ProcessorOperations.SegmentOwners() {
            @Override
            public String self() {
                return balancer.instanceId();
            }

            @Override
            public Map<Integer, String> of(String processorName) {
                Map<Integer, String> owners = new HashMap<>();
                jdbc.sql("SELECT segment, owner FROM tokenentry WHERE processorname = ?").param(processorName)
                        .query((rs, row) -> owners.put(rs.getInt(1), rs.getString(2))).list();
                return owners;
            }

            @Override
            public void pauseElsewhere(String processorName) {
                balancer.pauseElsewhere(processorName, java.time.Duration.ofSeconds(30));
            }

            @Override
            public void resume(String processorName) {
                balancer.resume(processorName);
            }
        };
        return new ProcessorOperations(axonConfiguration.eventProcessingConfiguration(), eventStore, tokenStore, owners);
    }

    @Bean
    public ProcessorMetrics streamingProcessorMetrics(ProcessorOperations operations, MeterRegistry meters) {
        return new ProcessorMetrics(operations, meters);
    }

    @Bean
    public ProcessorController processorController(ProcessorOperations operations) {
        return new ProcessorController(operations);
    }
}
