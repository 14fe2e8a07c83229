package dev.eventcommerce.observability;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Tags every meter with {@code service} and {@code instance}, so one Prometheus and one set of dashboards
 * can tell the services, and the instances of one service, apart.
 */
@AutoConfiguration
public class ObservabilityAutoConfiguration {

    @Bean
    public MeterRegistryCustomizer<MeterRegistry> commonTags(
            @Value("${spring.application.name}") String service,
            @Value("${eventcommerce.instance:}") String instance) {
        String instanceTag = instance.isBlank() ? hostName() : instance;
        return registry -> registry.config().commonTags("service", service, "instance", instanceTag);
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
