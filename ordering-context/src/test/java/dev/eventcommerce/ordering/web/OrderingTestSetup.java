package dev.eventcommerce.ordering.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.kernel.contract.ProductMessage;
import dev.eventcommerce.kernel.contract.StockReplyMessage;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TestDatabases;
import dev.eventcommerce.platform.testing.TestMessaging;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ordering service under test: its own database, its own exchange on the real RabbitMQ, and the
 * catalog stubbed at its HTTP boundary (WireMock): product 1 (5 × 199.99 in stock), 404 for product 404,
 * a 500 for product 500 and a dropped connection for product 503. A test class has all of it with
 * {@link OrderingServiceTest}.
 */
public final class OrderingTestSetup {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OrderingTestSetup() {
    }

    public static WireMockServer start() {
        WireMockServer catalog = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        catalog.start();
        catalog.stubFor(get(urlEqualTo("/products/1")).willReturn(okJson("""
                {"id":1,"name":"Integration Test Product","description":"Test product","price":199.99,"quantity":5,
                 "created_at":"2026-11-25T10:00:00Z","updated_at":"2026-11-25T10:00:00Z"}""")));
        catalog.stubFor(get(urlEqualTo("/products/404")).willReturn(notFound()));
        catalog.stubFor(get(urlEqualTo("/products/500")).willReturn(aResponse().withStatus(500)));
        catalog.stubFor(get(urlEqualTo("/products/503")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        return catalog;
    }

    /** No order is rejected by the reservation timeout while a test looks, unless the test sets it. */
    public static final String RESERVATION_TIMEOUT = "1h";
    /** Placing an order answers at once (201 pending): no catalog answers here unless a test does. */
    public static final String PLACEMENT_WAIT = "0s";

    /**
     * The service's properties for a service started by hand ({@link dev.eventcommerce.platform.testing.ServiceInstances}):
     * those of {@link #service} and the reservation timeout and placement wait above; its RabbitMQ names are
     * deleted from the broker when the JVM ends.
     */
    public static void properties(DynamicPropertyRegistry registry, String catalogUrl, TestMessaging messaging) {
        service(registry, catalogUrl, messaging);
        Runtime.getRuntime().addShutdownHook(new Thread(messaging::delete, "delete-test-rabbitmq-names"));
        registry.add("eventcommerce.ordering.reservation-timeout", () -> RESERVATION_TIMEOUT);
        registry.add("eventcommerce.ordering.placement-wait", () -> PLACEMENT_WAIT);
    }

    /** The service's database, catalog URL, RabbitMQ names, token key and revocation hash. */
    public static void service(DynamicPropertyRegistry registry, String catalogUrl, TestMessaging messaging) {
        messaging.register(registry);
        String database = TestDatabases.create("ordering_it");
        registry.add("spring.datasource.url", () -> database);
        TestTokens.verifier(registry);
        TestTokens.revocations(registry);
        registry.add("eventcommerce.ordering.catalog-url", () -> catalogUrl);
    }

    /**
     * Answers for the order as catalog would: {@code stock.reserved} or {@code stock.rejected} (with the
     * reason) on the test's catalog-events exchange, straight to the broker.
     */
    public static void answer(TestMessaging messaging, long orderId, String event, String reason) {
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            byte[] body = JSON.writeValueAsBytes(new StockReplyMessage(event,
                    new StockReplyMessage.Data(orderId, 1, 1, reason == null ? 0 : null, reason)));
            new RabbitTemplate(connections).send(messaging.catalogExchange(), event, MessageBuilder.withBody(body)
                    .setContentType("application/json").setMessageId(UUID.randomUUID().toString())
                    .setDeliveryMode(MessageDeliveryMode.PERSISTENT).build());
        } finally {
            connections.destroy();
        }
    }

    /**
     * A product change as catalog publishes it ({@code product.created}, {@code product.updated} or
     * {@code product.deleted}, by {@code event}), on the test's catalog-events exchange, straight to the
     * broker; the message id is the given one (a redelivery repeats it).
     */
    public static void productChange(TestMessaging messaging, String event, ProductMessage.Data data, String messageId) {
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            new RabbitTemplate(connections).send(messaging.catalogExchange(), event,
                    MessageBuilder.withBody(JSON.writeValueAsBytes(new ProductMessage(event, data)))
                            .setContentType("application/json").setMessageId(messageId)
                            .setDeliveryMode(MessageDeliveryMode.PERSISTENT).build());
        } finally {
            connections.destroy();
        }
    }

    /** Waits (bounded, 20 s) until ordering's product replica holds the product at the version. */
    public static void awaitReplica(JdbcClient jdbc, long productId, long version) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (jdbc.sql("SELECT count(*) FROM product_replica WHERE product_id = ? AND version = ?")
                    .params(productId, version).query(Long.class).single() > 0) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("product " + productId + " did not reach version " + version + " in the replica");
    }

    /**
     * A queue of the test's own, bound like the notification queue, to see what the bridge publishes; it
     * expires by itself once unused (Spring's AnonymousQueue sets an argument RabbitMQ 3.10 refuses).
     */
    public static Queue bindTestQueue(RabbitAdmin admin, String exchange) {
        return bindTestQueue(admin, exchange, "order.created");
    }

    public static Queue bindTestQueue(RabbitAdmin admin, String exchange, String routingKey) {
        Queue queue = QueueBuilder.nonDurable(exchange + ".seen-" + UUID.randomUUID().toString().substring(0, 8))
                .expires(600_000).build();
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(exchange)).with(routingKey));
        return queue;
    }


    /** Waits (bounded, 20 s) until the order reads with the status; returns it as read. */
    public static JsonNode awaitStatus(ApiClient api, String token, long id, String status) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode order = null;
        while (System.nanoTime() < deadline) {
            order = api.get("/orders/" + id, token).json();
            if (status.equals(order.get("status").asString())) {
                return order;
            }
            sleep(50);
        }
        throw new AssertionError("order " + id + " did not become " + status + ": " + order);
    }

    /** The next message for the order on the queue (bounded, 20 s), as JSON; others are dropped. */
    public static JsonNode receiveFor(RabbitTemplate rabbit, Queue queue, long orderId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Message message = rabbit.receive(queue.getName(), 500);
            if (message != null && new String(message.getBody()).contains("\"order_id\":" + orderId + ",")) {
                return JSON.readTree(message.getBody());
            }
        }
        throw new AssertionError("no message for order " + orderId + " on " + queue.getName());
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A queue of the test's own on the real broker, bound to the service's order-events exchange with
     * order.created (so the bridge's mandatory publishes are routed), read over a connection of its own;
     * closing deletes the queue (the exchange goes with the test's other names at JVM exit).
     */
    public static final class SeenMessages implements AutoCloseable {

        private final CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
        private final RabbitAdmin admin = new RabbitAdmin(connections);
        private final Queue queue;

        public SeenMessages(String exchange) {
            admin.declareExchange(new TopicExchange(exchange, true, false));
            queue = bindTestQueue(admin, exchange);
        }

        public Message receive(long timeoutMillis) {
            return new RabbitTemplate(connections).receive(queue.getName(), timeoutMillis);
        }

        @Override
        public void close() {
            admin.deleteQueue(queue.getName());
            connections.destroy();
        }
    }
}
