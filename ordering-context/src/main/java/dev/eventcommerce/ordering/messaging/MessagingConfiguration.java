package dev.eventcommerce.ordering.messaging;

import dev.eventcommerce.kernel.messaging.ConfirmedPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    /** Declared by the publisher too, so that the bridge never publishes into an exchange that does not exist. */
    @Bean
    TopicExchange orderEventsExchange(@Value("${eventcommerce.messaging.exchange}") String exchange) {
        return new TopicExchange(exchange, true, false);
    }

    /** On unless a benchmark switches it off (eventcommerce.ordering.bridge-enabled=false). */
    @Bean
    @ConditionalOnProperty(name = "eventcommerce.ordering.bridge-enabled", havingValue = "true", matchIfMissing = true)
    OrderCreatedBridge orderCreatedBridge(RabbitTemplate rabbitTemplate, MeterRegistry meters,
                                          @Value("${eventcommerce.messaging.exchange}") String exchange,
                                          @Value("${eventcommerce.ordering.bridge-confirm-timeout:5s}") Duration timeout) {
        return new OrderCreatedBridge(new ConfirmedPublisher(rabbitTemplate, timeout, meters),
                JsonMapper.builder().build(), exchange);
    }

    /** Unroutable messages are seen through the bridge's correlation data; no separate callback needed. */
    @Bean
    RabbitTemplateCustomizer returnsSeenByTheBridge() {
        return template -> template.setReturnsCallback(returned -> { });
    }

    /**
     * The bridge starts from the first event, not from the head: it may never be replayed, and a new
     * processor's default start (a replay up to the current head) would make it skip every order stored
     * before its token existed. A failed publish stops it where it is (the kernel's default error handler).
     */
    @Bean
    ConfigurerModule bridgeStartsAtTheTail() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                OrderCreatedBridge.PROCESSOR,
                (configuration, builder) -> builder.initialToken(StreamableMessageSource::createTailToken));
    }
}
