package dev.eventcommerce.catalog.messaging;

import dev.eventcommerce.platform.outbox.ConfirmedPublisher;
import dev.eventcommerce.platform.messaging.ConsumerQueue;
import org.springframework.amqp.core.Declarables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catalog's product changes over RabbitMQ: the {@link ProductBridge} and the queue its messages are for.
 */
@Configuration(proxyBeanMethods = false)
class ProductMessagingConfiguration {

    /**
     * Ordering's durable product-replica queue, declared as ordering declares it: the bridge publishes
     * mandatory, and a product message that no queue is bound for would hold up the stock answers that share
     * its processor (say, catalog upgraded before ordering). Changes wait in it while ordering is away.
     */
    @Bean
    Declarables productReplicaQueue(Environment environment) {
        return ConsumerQueue.orderingProductReplica(environment);
    }

    @Bean
    ProductBridge productBridge(ConfirmedPublisher catalogEventsPublisher,
                                @Value("${eventcommerce.messaging.catalog-exchange}") String exchange) {
        return new ProductBridge(catalogEventsPublisher, JsonMapper.builder().build(), exchange);
    }
}
