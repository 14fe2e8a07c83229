package dev.eventcommerce.ordering.messaging;

import dev.eventcommerce.platform.axon.ConcurrentChanges;
import dev.eventcommerce.kernel.contract.CatalogEventsExchange;
import dev.eventcommerce.platform.outbox.ConfirmedPublisher;
import dev.eventcommerce.platform.messaging.ConsumerQueue;
import dev.eventcommerce.platform.outbox.OutboxBridges;
import dev.eventcommerce.platform.messaging.RetryingListenerContainerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
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

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    static final String STOCK_REPLY_CONTAINERS = "stockReplyContainers";
    static final String PRODUCT_CHANGE_CONTAINERS = "productChangeContainers";

    /** Declared by the publisher too, so that the bridge never publishes into an exchange that does not exist. */
    @Bean
    TopicExchange orderEventsExchange(@Value("${eventcommerce.messaging.exchange}") String exchange) {
        return ConsumerQueue.exchange(exchange);
    }

    /**
     * Catalog's answers: its exchange (declared as catalog declares it), ordering's durable queue bound
     * with stock.reserved and stock.rejected, and its dead letters (routed by queue name on the shared
     * dead-letter exchange). Also bound with stock.released, which ordering only acknowledges: catalog
     * publishes it mandatory, and a message no queue is bound for would hold up catalog's stock bridge.
     */
    @Bean
    Declarables stockReplyTopology(@Value("${eventcommerce.messaging.catalog-exchange}") String catalogExchangeName,
                                   @Value("${eventcommerce.messaging.ordering-reply-queue}") String queueName,
                                   @Value("${eventcommerce.messaging.dead-letter-exchange}") String deadLetterExchangeName,
                                   @Value("${eventcommerce.messaging.ordering-reply-dead-letter-queue}") String deadLetterQueueName) {
        return ConsumerQueue.declare(catalogExchangeName, queueName, deadLetterExchangeName, deadLetterQueueName,
                CatalogEventsExchange.STOCK_RESERVED, CatalogEventsExchange.STOCK_REJECTED,
                CatalogEventsExchange.STOCK_RELEASED);
    }

    /** The stock answers' listener: a concurrent change of the same order passes by itself, as an outage does. */
    @Bean(STOCK_REPLY_CONTAINERS)
    RetryingListenerContainerFactory stockReplyContainers(SimpleRabbitListenerContainerFactoryConfigurer configurer,
                                                          ConnectionFactory connectionFactory,
                                                          Environment environment, MeterRegistry meters,
                                                          @Value("${eventcommerce.messaging.dead-letter-exchange}") String deadLetters) {
        return new RetryingListenerContainerFactory(configurer, connectionFactory,
                RetryingListenerContainerFactory.Settings.configured(environment, "eventcommerce.ordering.stock-replies"),
                deadLetters, ConcurrentChanges::isConcurrentChange, meters, StockReplyListener.RECEIVED);
    }

    /**
     * Catalog's product changes for the replica: ordering's durable queue (declared as catalog declares it
     * too), bound with product.created, product.updated and product.deleted, with its dead letters.
     */
    @Bean
    Declarables productReplicaTopology(Environment environment) {
        return ConsumerQueue.orderingProductReplica(environment);
    }

    /**
     * This instance's own queue of product changes (for its memory of the products): named after the durable
     * one plus a random part, exclusive to this instance's connection and deleted with it; declared again,
     * empty, when the connection comes back.
     */
    @Bean
    Queue productChangesOfThisInstance(@Value("${eventcommerce.messaging.ordering-product-queue}") String queueName) {
        return QueueBuilder.nonDurable(queueName + ".instance-" + UUID.randomUUID()).exclusive().autoDelete().build();
    }

    @Bean
    Declarables productChangesOfThisInstanceBindings(Queue productChangesOfThisInstance,
                                                     @Value("${eventcommerce.messaging.catalog-exchange}") String catalogExchangeName) {
        TopicExchange catalogExchange = ConsumerQueue.exchange(catalogExchangeName);
        return new Declarables(CatalogEventsExchange.PRODUCT_CHANGES.stream()
                .map(key -> BindingBuilder.bind(productChangesOfThisInstance).to(catalogExchange).with(key))
                .toList());
    }

    /** The product changes' listeners (both queues). */
    @Bean(PRODUCT_CHANGE_CONTAINERS)
    RetryingListenerContainerFactory productChangeContainers(SimpleRabbitListenerContainerFactoryConfigurer configurer,
                                                             ConnectionFactory connectionFactory,
                                                             Environment environment, MeterRegistry meters,
                                                             @Value("${eventcommerce.messaging.dead-letter-exchange}") String deadLetters) {
        return new RetryingListenerContainerFactory(configurer, connectionFactory,
                RetryingListenerContainerFactory.Settings.configured(environment, "eventcommerce.ordering.product-changes"),
                deadLetters, ConcurrentChanges::isConcurrentChange, meters, ProductChangeListener.RECEIVED);
    }

    @Bean
    OrderCreatedBridge orderCreatedBridge(RabbitTemplate rabbitTemplate, MeterRegistry meters, EventStore eventStore,
                                          @Value("${eventcommerce.messaging.exchange}") String exchange,
                                          @Value("${eventcommerce.ordering.bridge-confirm-timeout:5s}") Duration timeout,
                                          ObjectProvider<Tracer> tracer) {
        return new OrderCreatedBridge(new ConfirmedPublisher(rabbitTemplate, timeout, meters,
                tracer.getIfAvailable(() -> Tracer.NOOP)),
                JsonMapper.builder().build(), exchange, eventStore);
    }

    /** Unroutable messages are seen through the bridge's correlation data; no separate callback needed. */
    @Bean
    RabbitTemplateCustomizer returnsSeenByTheBridge() {
        return template -> template.setReturnsCallback(returned -> { });
    }

    /** The bridge's processor: one segment, from the event store's first event (see OutboxBridges). */
    @Bean
    ConfigurerModule bridgeProcessor() {
        return OutboxBridges.processor(OrderCreatedBridge.PROCESSOR);
    }
}
