package dev.eventcommerce.platform.operations;

import dev.eventcommerce.platform.axon.SegmentBalancer;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The processors' operations API, in every service. */
@AutoConfiguration
@EnableScheduling
public class OperationsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OperationsAutoConfiguration.class);

    @Bean
    public ProcessorOperations processorOperations(Configuration axonConfiguration, EventStore eventStore,
                                                   Serializer serializer, JdbcClient jdbc, SegmentBalancer balancer) {
        ProcessorOperations.SegmentOwners owners = new ProcessorOperations.SegmentOwners() {
            @Override
            public String self() {
                return balancer.instanceId();
            }

            @Override
            public Map<Integer, ProcessorOperations.StoredSegment> of(String processorName) {
                Map<Integer, ProcessorOperations.StoredSegment> segments = new HashMap<>();
                jdbc.sql("SELECT segment, owner, token, tokentype FROM tokenentry WHERE processorname = ?")
                        .param(processorName)
                        .query((rs, row) -> segments.put(rs.getInt(1), new ProcessorOperations.StoredSegment(
                                rs.getString(2), token(rs.getBytes(3), rs.getString(4)))))
                        .list();
                return segments;
            }

            /** A stored token as the token store reads it; null when at the start or unreadable (logged). */
            private TrackingToken token(byte[] data, String type) {
                if (data == null || type == null) {
                    return null;
                }
                try {
                    return serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
                } catch (RuntimeException e) {
                    log.warn("Unreadable token of type {}: {}", type, e.getMessage());
                    return null;
                }
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
        return new ProcessorOperations(axonConfiguration.eventProcessingConfiguration(), eventStore, owners);
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
