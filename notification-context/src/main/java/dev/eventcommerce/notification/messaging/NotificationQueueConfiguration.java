package dev.eventcommerce.notification.messaging;

import dev.eventcommerce.kernel.contract.OrderEventsExchange;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
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
        TopicExchange exchange = ExchangeBuilder.topicExchange(exchangeName).durable(true).build();
        DirectExchange deadLetterExchange = ExchangeBuilder.directExchange(deadLetterExchangeName).durable(true).build();
        // Dead letters are routed by the name of the queue they come from, so other queues can share the
        // dead-letter exchange without their rejects landing in this queue's dead letters.
        Queue queue = QueueBuilder.durable(queueName)
                .deadLetterExchange(deadLetterExchangeName)
                .deadLetterRoutingKey(queueName)
                .build();
        Queue deadLetterQueue = QueueBuilder.durable(deadLetterQueueName).build();
        return new Declarables(exchange, queue, deadLetterExchange, deadLetterQueue,
                BindingBuilder.bind(queue).to(exchange).with(OrderEventsExchange.ORDER_CREATED),
                BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange).with(queueName));
    }
}
