package dev.eventcommerce.notification.messaging;

import dev.eventcommerce.kernel.contract.OrderEventsExchange;
import dev.eventcommerce.platform.messaging.ConsumerQueue;
import org.springframework.amqp.core.Declarables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer's side of the order-events topology, declared on every (re)connection. The exchange is
 * declared here too, exactly as ordering declares it, so either service may start first. Names come
 * from the {@code eventcommerce.messaging} properties, so tests use their own on the shared broker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetryPolicy.class)
class NotificationQueueConfiguration {

    @Bean
    Declarables notificationTopology(@Value("${eventcommerce.messaging.exchange}") String exchangeName,
                                     @Value("${eventcommerce.messaging.notification-queue}") String queueName,
                                     @Value("${eventcommerce.messaging.dead-letter-exchange}") String deadLetterExchangeName,
                                     @Value("${eventcommerce.messaging.notification-dead-letter-queue}") String deadLetterQueueName) {
        return ConsumerQueue.declare(exchangeName, queueName, deadLetterExchangeName, deadLetterQueueName,
                OrderEventsExchange.ORDER_CREATED);
    }
}
