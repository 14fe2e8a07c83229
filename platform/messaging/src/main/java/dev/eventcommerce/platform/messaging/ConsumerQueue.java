package dev.eventcommerce.platform.messaging;

import dev.eventcommerce.kernel.contract.CatalogEventsExchange;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * A consumer's durable queue on a durable topic exchange, with its dead letters: rejected messages go to
 * a durable direct exchange, routed by the name of the queue they come from, into the queue's own
 * dead-letter queue (so several queues can share the dead-letter exchange). Every service declares the
 * exchanges with the same attributes, so any of them may start first.
 */
public final class ConsumerQueue {

    private ConsumerQueue() {
    }

    public static Declarables declare(String exchangeName, String queueName, String deadLetterExchangeName,
                                      String deadLetterQueueName, String... routingKeys) {
        TopicExchange exchange = exchange(exchangeName);
        DirectExchange deadLetterExchange = ExchangeBuilder.directExchange(deadLetterExchangeName).durable(true).build();
        Queue queue = QueueBuilder.durable(queueName)
                .deadLetterExchange(deadLetterExchangeName)
                .deadLetterRoutingKey(queueName)
                .build();
        Queue deadLetterQueue = QueueBuilder.durable(deadLetterQueueName).build();
        List<Declarable> declarables = new ArrayList<>(List.of(exchange, queue, deadLetterExchange, deadLetterQueue,
                BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange).with(queueName)));
        for (String routingKey : routingKeys) {
            declarables.add(BindingBuilder.bind(queue).to(exchange).with(routingKey));
        }
        return new Declarables(declarables);
    }

    /**
     * Ordering's durable product-replica queue on catalog's exchange, bound with every product change
     * ({@link CatalogEventsExchange#PRODUCT_CHANGES}), with its dead letters, named by the
     * {@code eventcommerce.messaging} properties. Catalog declares it as well as ordering (so that its product
     * messages are routed before ordering first started), and both must declare it identically: hence here.
     */
    public static Declarables orderingProductReplica(Environment environment) {
        Binder binder = Binder.get(environment);
        String prefix = "eventcommerce.messaging.";
        return declare(binder.bind(prefix + "catalog-exchange", String.class).get(),
                binder.bind(prefix + "ordering-product-queue", String.class).get(),
                binder.bind(prefix + "dead-letter-exchange", String.class).get(),
                binder.bind(prefix + "ordering-product-dead-letter-queue", String.class).get(),
                CatalogEventsExchange.PRODUCT_CHANGES.toArray(String[]::new));
    }

    /** A durable topic exchange, declared as every service declares it. */
    public static TopicExchange exchange(String name) {
        return ExchangeBuilder.topicExchange(name).durable(true).build();
    }
}
