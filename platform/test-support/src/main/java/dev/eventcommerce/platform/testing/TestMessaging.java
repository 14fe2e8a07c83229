package dev.eventcommerce.platform.testing;

import java.util.List;
import java.util.UUID;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * RabbitMQ names of one test context on the shared broker, so that a service under test never consumes
 * from, or publishes to, the running system's exchanges and queues (or another test's). {@link #delete()}
 * removes what the service declared under them.
 */
public record TestMessaging(String orderExchange, String catalogExchange, String catalogStockQueue,
                            String orderingReplyQueue, String deadLetterExchange, String notificationQueue,
                            String orderingProductQueue) {

    /** Every test name starts with it; the broker drops such queues once unused ({@link TestQueueExpiry}). */
    public static final String PREFIX = "it-";

    public static TestMessaging create() {
        String prefix = PREFIX + UUID.randomUUID().toString().substring(0, 8) + ".";
        return new TestMessaging(prefix + "order_events", prefix + "catalog_events", prefix + "catalog_stock_requests",
                prefix + "ordering_stock_replies", prefix + "order_events.dlx", prefix + "order_notifications",
                prefix + "ordering_product_replica");
    }

    /** The same names, but for the order-events exchange. */
    public TestMessaging withOrderExchange(String exchange) {
        return new TestMessaging(exchange, catalogExchange, catalogStockQueue, orderingReplyQueue, deadLetterExchange,
                notificationQueue, orderingProductQueue);
    }

    /** Every {@code eventcommerce.messaging} name, as this test's own. */
    public TestMessaging register(DynamicPropertyRegistry registry) {
        registry.add("eventcommerce.messaging.exchange", this::orderExchange);
        registry.add("eventcommerce.messaging.catalog-exchange", this::catalogExchange);
        registry.add("eventcommerce.messaging.catalog-stock-queue", this::catalogStockQueue);
        registry.add("eventcommerce.messaging.catalog-stock-dead-letter-queue", () -> catalogStockQueue + ".dlq");
        registry.add("eventcommerce.messaging.ordering-reply-queue", this::orderingReplyQueue);
        registry.add("eventcommerce.messaging.ordering-reply-dead-letter-queue", () -> orderingReplyQueue + ".dlq");
        registry.add("eventcommerce.messaging.ordering-product-queue", this::orderingProductQueue);
        registry.add("eventcommerce.messaging.ordering-product-dead-letter-queue", () -> orderingProductQueue + ".dlq");
        registry.add("eventcommerce.messaging.dead-letter-exchange", this::deadLetterExchange);
        registry.add("eventcommerce.messaging.notification-queue", this::notificationQueue);
        registry.add("eventcommerce.messaging.notification-dead-letter-queue", () -> notificationQueue + ".dlq");
        return this;
    }

    /** Deletes the queues and exchanges of these names from the broker at 127.0.0.1:5672. */
    public void delete() {
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            for (String queue : List.of(catalogStockQueue, catalogStockQueue + ".dlq", orderingReplyQueue,
                    orderingReplyQueue + ".dlq", notificationQueue, notificationQueue + ".dlq", orderingProductQueue,
                    orderingProductQueue + ".dlq")) {
                admin.deleteQueue(queue);
            }
            for (String exchange : List.of(orderExchange, catalogExchange, deadLetterExchange)) {
                admin.deleteExchange(exchange);
            }
        } catch (RuntimeException e) {
            System.err.println("Could not delete the test's RabbitMQ names: " + e.getMessage());
        } finally {
            connections.destroy();
        }
    }
}
