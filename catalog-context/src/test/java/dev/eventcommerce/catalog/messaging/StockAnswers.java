package dev.eventcommerce.catalog.messaging;

import dev.eventcommerce.catalog.web.CatalogServiceTestSupport;
import dev.eventcommerce.platform.testing.TestMessaging;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RabbitMQ side of a catalog messaging test, a {@code @RegisterExtension} of the test class: RabbitMQ names
 * of its own, known before the service starts (its messages name them); a connection of its own to the broker at
 * 127.0.0.1:5672; and a queue bound to the catalog-events exchange with {@code stock.#}: catalog publishes its
 * stock answers mandatory, so they need a queue to be routed to. After the test class, the queue, the
 * connection and every name are deleted.
 */
final class StockAnswers implements AfterAllCallback {

    /** Reads and writes the messages' JSON. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestMessaging messaging = TestMessaging.create();
    private final CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1", 5672);
    private final RabbitTemplate rabbit = new RabbitTemplate(broker);
    private final Queue queue;

    StockAnswers() {
        queue = QueueBuilder.nonDurable(messaging.catalogExchange() + ".answers").build();
        RabbitAdmin admin = new RabbitAdmin(broker);
        TopicExchange catalogEvents = new TopicExchange(messaging.catalogExchange(), true, false);
        admin.declareExchange(catalogEvents);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(catalogEvents).with("stock.#"));
    }

    /** The catalog service on these names, with a database of its own named after {@code databasePrefix}. */
    void service(DynamicPropertyRegistry registry, String databasePrefix) {
        CatalogServiceTestSupport.service(registry, messaging, databasePrefix, null);
    }

    /** Publishes to the test's order-events exchange, as ordering would. */
    void publishAsOrdering(String routingKey, Message message) {
        rabbit.send(messaging.orderExchange(), routingKey, message);
    }

    TestMessaging messaging() {
        return messaging;
    }

    RabbitTemplate rabbit() {
        return rabbit;
    }

    String queue() {
        return queue.getName();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        new RabbitAdmin(broker).deleteQueue(queue.getName());
        broker.destroy();
        messaging.delete();
    }
}
