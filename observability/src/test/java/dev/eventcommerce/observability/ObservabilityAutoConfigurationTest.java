package dev.eventcommerce.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ObservabilityAutoConfigurationTest {

    @Test
    void everyMeterCarriesTheServiceAndInstanceTags() {
        MeterRegistry registry = new SimpleMeterRegistry();
        new ObservabilityAutoConfiguration().commonTags("user-service", "user-1").customize(registry);

        registry.counter("orders.placed").increment();

        var counter = registry.get("orders.placed").counter();
        assertThat(counter.getId().getTag("service")).isEqualTo("user-service");
        assertThat(counter.getId().getTag("instance")).isEqualTo("user-1");
    }

    @Test
    void anUnsetInstanceFallsBackToTheHostName() {
        MeterRegistry registry = new SimpleMeterRegistry();
        new ObservabilityAutoConfiguration().commonTags("user-service", " ").customize(registry);

        registry.counter("orders.placed").increment();

        assertThat(registry.get("orders.placed").counter().getId().getTag("instance"))
                .isEqualTo(ObservabilityAutoConfiguration.hostName()).isNotBlank();
    }
}
