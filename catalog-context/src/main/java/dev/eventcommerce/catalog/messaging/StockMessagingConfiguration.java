package dev.eventcommerce.catalog.messaging;

import dev.eventcommerce.platform.axon.ConcurrentChanges;
import dev.eventcommerce.kernel.contract.OrderEventsExchange;
import dev.eventcommerce.platform.outbox.ConfirmedPublisher;
import dev.eventcommerce.platform.messaging.ConsumerQueue;
import dev.eventcommerce.platform.outbox.OutboxBridges;
import dev.eventcommerce.platform.messaging.RetryingListenerContainerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catalog's side of the stock reservation over RabbitMQ: the queue of stock requests from ordering (bound
 * to {@code order_events} with order.created and order.cancelled, dead letters by queue name to the
 * shared dead-letter exchange), the exchange of its answers, and the stock bridge that publishes them.
 * Every name comes from the {@code eventcommerce.messaging} properties, so tests use their own on the
 * shared broker. Exchanges are declared as the other services declare them, so any may start first.
 */
@Configuration(proxyBeanMethods = false)
class StockMessagingConfiguration {

    static final String STOCK_REQUEST_CONTAINERS = "stockRequestContainers";

    @Bean
    Declarables stockTopology(@Value("${eventcommerce.messaging.exchange}") String orderExchangeName,
                              @Value("${eventcommerce.messaging.catalog-exchange}") String catalogExchangeName,
                              @Value("${eventcommerce.messaging.catalog-stock-queue}") String queueName,
                              @Value("${eventcommerce.messaging.dead-letter-exchange}") String deadLetterExchangeName,
                              @Value("${eventcommerce.messaging.catalog-stock-dead-letter-queue}") String deadLetterQueueName) {
        List<Declarable> declarables = new ArrayList<>(ConsumerQueue.declare(orderExchangeName, queueName,
                deadLetterExchangeName, deadLetterQueueName, OrderEventsExchange.ORDER_CREATED,
                OrderEventsExchange.ORDER_CANCELLED).getDeclarables());
        declarables.add(ConsumerQueue.exchange(catalogExchangeName));
        return new Declarables(declarables);
    }

    /** The stock requests' listener: a concurrent change of the same product passes by itself, as an outage does. */
    @Bean(STOCK_REQUEST_CONTAINERS)
    RetryingListenerContainerFactory stockRequestContainers(SimpleRabbitListenerContainerFactoryConfigurer configurer,
                                                            ConnectionFactory connectionFactory,
                                                            Environment environment, MeterRegistry meters,
                                                            @Value("${eventcommerce.messaging.dead-letter-exchange}") String deadLetters) {
        return new RetryingListenerContainerFactory(configurer, connectionFactory,
                RetryingListenerContainerFactory.Settings.configured(environment, "eventcommerce.catalog.stock-requests"),
                deadLetters, ConcurrentChanges::isConcurrentChange, meters, StockRequestListener.RECEIVED);
    }

    /** What the stock-bridge processor publishes (stock answers and product changes) goes out through it. */
    @Bean
    ConfirmedPublisher catalogEventsPublisher(RabbitTemplate rabbitTemplate, MeterRegistry meters,
                                              @Value("${eventcommerce.catalog.bridge-confirm-timeout:5s}") Duration timeout,
                                              ObjectProvider<Tracer> tracer) {
        return new ConfirmedPublisher(rabbitTemplate, timeout, meters, tracer.getIfAvailable(() -> Tracer.NOOP));
    }

    @Bean
    StockBridge stockBridge(ConfirmedPublisher catalogEventsPublisher,
                            @Value("${eventcommerce.messaging.catalog-exchange}") String exchange) {
        return new StockBridge(catalogEventsPublisher, JsonMapper.builder().build(), exchange);
    }

    /** Unroutable messages are seen through the bridge's correlation data; no separate callback needed. */
    @Bean
    RabbitTemplateCustomizer returnsSeenByTheStockBridge() {
        return template -> template.setReturnsCallback(returned -> { });
    }

    /** The bridge's processor: one segment, from the event store's first event (see OutboxBridges). */
    @Bean
    ConfigurerModule stockBridgeProcessor() {
        return OutboxBridges.processor(StockBridge.PROCESSOR);
    }
}
