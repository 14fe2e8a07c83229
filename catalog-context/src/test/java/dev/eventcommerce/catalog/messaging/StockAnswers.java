package dev.eventcommerce.catalog.messaging;

import dev.eventcommerce.platform.testing.TestMessaging;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A test's own connection to the broker at 127.0.0.1:5672, and a queue bound to the test's catalog-events
 * exchange with {@code stock.#}: catalog publishes its stock answers mandatory, so they need a queue to be
 * routed to. Closing deletes the queue and the connection.
 */
final class StockAnswers implements AutoCloseable {

    private final CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1", 5672);
    private final RabbitTemplate rabbit = new RabbitTemplate(broker);
    private final Queue queue;

    StockAnswers(TestMessaging messaging) {
        queue = QueueBuilder.nonDurable(messaging.catalogExchange() + ".answers").build();
        RabbitAdmin admin = new RabbitAdmin(broker);
        TopicExchange catalogEvents = new TopicExchange(messaging.catalogExchange(), true, false);
        admin.declareExchange(catalogEvents);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(catalogEvents).with("stock.#"));
    }

    RabbitTemplate rabbit() {
        return rabbit;
    }

    String queue() {
        return queue.getName();
    }

    @Override
    public void close() {
        new RabbitAdmin(broker).deleteQueue(queue.getName());
        broker.destroy();
    }
}
