package dev.eventcommerce.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DefaultEventProcessorSpanFactory;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * What every service shares for metrics and traces:
 * <ul>
 *   <li>every meter carries {@code service} and {@code instance}, so one Prometheus and one set of
 *   dashboards can tell the services, and the instances of one service, apart;</li>
 *   <li>Axon's command, event and query meters, with the message type as a tag;</li>
 *   <li>Axon's spans made with Boot's OpenTelemetry SDK: Axon alone builds its span factory from
 *   {@code GlobalOpenTelemetry}, which Boot does not set, and would trace nothing. With them, a command,
 *   its events and their handlers join the trace of the HTTP request that sent the command, and the
 *   trace context travels in the events' metadata.</li>
 * </ul>
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
        beforeName = {"org.axonframework.springboot.autoconfig.OpenTelemetryAutoConfiguration",
                "org.axonframework.springboot.autoconfig.AxonTracingAutoConfiguration"})
public class ObservabilityAutoConfiguration {

    static final String TRACER = "AxonFramework-OpenTelemetry";

    @Bean
    public MeterRegistryCustomizer<MeterRegistry> commonTags(
            @Value("${spring.application.name}") String service,
            @Value("${eventcommerce.instance:}") String instance) {
        String instanceTag = instance.isBlank() ? hostName() : instance;
        return registry -> registry.config().commonTags("service", service, "instance", instanceTag);
    }

    /**
     * Axon's command bus, event store and query bus meters, tagged with the message type. Axon's own
     * auto-configuration of them is ordered against Boot 3's metrics classes and, on Boot 4, may run before
     * the Prometheus registry exists (it then makes a registry nothing scrapes): it is off in platform/axon-postgres's
     * defaults. Event processors get no per-event monitors: timing every event costs a replay a large share
     * of its speed, and a processor's throughput and lag are the {@code axon.processor.*} gauges.
     */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ConfigurerModule axonMetrics(MeterRegistry meters) {
        GlobalMetricRegistry registry = new GlobalMetricRegistry(meters);
        return configurer -> configurer.configureMessageMonitor(configuration -> (componentType, componentName) ->
                EventProcessor.class.isAssignableFrom(componentType)
                        ? NoOpMessageMonitor.instance()
                        : (MessageMonitor) registry.registerComponentWithDefaultTags(componentType, componentName));
    }

    /** Replayed events are not traced: platform/axon-postgres wraps this (ReplayUntracedSpanFactory). */
    @Bean
    public SpanFactory axonSpanFactory(OpenTelemetry openTelemetry) {
        return OpenTelemetrySpanFactory.builder()
                .tracer(openTelemetry.getTracer(TRACER))
                .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                .build();
    }

    /** Axon's processor spans, children of the event's publisher. */
    @Bean
    public EventProcessorSpanFactory eventProcessorSpanFactory(SpanFactory spanFactory) {
        return DefaultEventProcessorSpanFactory.builder()
                .spanFactory(spanFactory)
                .distributedInSameTrace(true)
                .build();
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
