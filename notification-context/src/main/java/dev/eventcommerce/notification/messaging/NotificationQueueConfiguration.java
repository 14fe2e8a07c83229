package dev.eventcommerce.notification.messaging;

import dev.eventcommerce.kernel.contract.OrderEventsExchange;
import dev.eventcommerce.platform.messaging.ConsumerQueue;
import dev.eventcommerce.platform.messaging.RetryingListenerContainerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer's side of the order-events topology, declared on every (re)connection. The exchange is
 * declared here too, exactly as ordering declares it, so either service may start first. Names come
 * from the {@code eventcommerce.messaging} properties, so tests use their own on the shared broker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrderCreatedRetry.class)
class NotificationQueueConfiguration {

    static final String ORDER_CREATED_CONTAINERS = "orderCreatedContainers";

    @Bean
    Declarables notificationTopology(@Value("${eventcommerce.messaging.exchange}") String exchangeName,
                                     @Value("${eventcommerce.messaging.notification-queue}") String queueName,
                                     @Value("${eventcommerce.messaging.dead-letter-exchange}") String deadLetterExchangeName,
                                     @Value("${eventcommerce.messaging.notification-dead-letter-queue}") String deadLetterQueueName) {
        return ConsumerQueue.declare(exchangeName, queueName, deadLetterExchangeName, deadLetterQueueName,
                OrderEventsExchange.ORDER_CREATED);
    }

    /** The order-created listener: only an unreachable database passes by itself. */
    @Bean(ORDER_CREATED_CONTAINERS)
    RetryingListenerContainerFactory orderCreatedContainers(SimpleRabbitListenerContainerFactoryConfigurer configurer,
                                                            ConnectionFactory connectionFactory, OrderCreatedRetry retry,
                                                            MeterRegistry meters,
                                                            @Value("${eventcommerce.messaging.dead-letter-exchange}") String deadLetters) {
        return new RetryingListenerContainerFactory(configurer, connectionFactory, retry.settings(), deadLetters,
                failure -> false, meters, OrderCreatedListener.RECEIVED);
    }
}
