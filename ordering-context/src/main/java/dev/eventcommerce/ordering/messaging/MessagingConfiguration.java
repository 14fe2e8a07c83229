package dev.eventcommerce.ordering.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
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

    @Bean
    OrderCreatedBridge orderCreatedBridge(RabbitTemplate rabbitTemplate, MeterRegistry meters,
                                          @Value("${eventcommerce.messaging.exchange}") String exchange,
                                          @Value("${eventcommerce.ordering.bridge-confirm-timeout:5s}") Duration timeout) {
        return new OrderCreatedBridge(rabbitTemplate, JsonMapper.builder().build(), exchange, timeout, meters);
    }

    /** Unroutable messages are seen through the bridge's correlation data; no separate callback needed. */
    @Bean
    RabbitTemplateCustomizer returnsSeenByTheBridge() {
        return template -> template.setReturnsCallback(returned -> { });
    }

    /** A failed publish must stop the bridge where it is (and retry), never be logged and skipped. */
    @Bean
    ConfigurerModule bridgeErrorHandling() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                OrderCreatedBridge.PROCESSOR, configuration -> PropagatingErrorHandler.instance());
    }
}
