package dev.eventcommerce.catalog.messaging;

import dev.eventcommerce.kernel.contract.CatalogEventsExchange;
import dev.eventcommerce.kernel.messaging.ConfirmedPublisher;
import dev.eventcommerce.kernel.messaging.ConsumerQueue;
import java.time.Duration;
import org.springframework.amqp.core.Declarables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catalog's product changes over RabbitMQ: the {@link ProductBridge} and the queue its messages are for.
 */
@Configuration(proxyBeanMethods = false)
class ProductMessagingConfiguration {

    /**
     * Ordering's durable product-replica queue, declared as ordering declares it (same names, arguments and
     * bindings, from the kernel's properties): the bridge publishes mandatory, and a product message that no
     * queue is bound for would hold up the stock answers that share its processor (say, catalog upgraded
     * before ordering). Changes wait in it while ordering is away.
     */
    @Bean
    Declarables productReplicaQueue(@Value("${eventcommerce.messaging.catalog-exchange}") String catalogExchangeName,
                                    @Value("${eventcommerce.messaging.ordering-product-queue}") String queueName,
                                    @Value("${eventcommerce.messaging.dead-letter-exchange}") String deadLetterExchangeName,
                                    @Value("${eventcommerce.messaging.ordering-product-dead-letter-queue}") String deadLetterQueueName,
                                    @Value("${eventcommerce.messaging.queue-expires:#{null}}") Duration expires) {
        return ConsumerQueue.declare(catalogExchangeName, queueName, deadLetterExchangeName, deadLetterQueueName,
                expires, CatalogEventsExchange.PRODUCT_CHANGES.toArray(String[]::new));
    }

    @Bean
    ProductBridge productBridge(ConfirmedPublisher catalogEventsPublisher,
                                @Value("${eventcommerce.messaging.catalog-exchange}") String exchange) {
        return new ProductBridge(catalogEventsPublisher, JsonMapper.builder().build(), exchange);
    }
}
