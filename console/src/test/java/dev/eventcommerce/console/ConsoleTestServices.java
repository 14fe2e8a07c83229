package dev.eventcommerce.console;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.eventcommerce.platform.testing.TcpProxy;
import dev.eventcommerce.platform.testing.TestDatabases;
import dev.eventcommerce.platform.testing.TestMessaging;
import dev.eventcommerce.platform.testing.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the console under test talks to: WireMock servers standing for the user service, catalog, notification and two
 * ordering instances (plus a third ordering URL where nothing listens: an instance that is down), and the dead-letter
 * queues of this JVM's own RabbitMQ names, declared before the console starts (they expire when unused). The console
 * reaches the shared RabbitMQ through {@link #RABBITMQ}, a proxy a test holds (RabbitMQ slow, no confirm in time) or
 * cuts (RabbitMQ unreachable); what the tests themselves send and receive goes straight to the broker.
 */
public final class ConsoleTestServices {

    public static final WireMockServer USER = started();
    public static final WireMockServer CATALOG = started();
    public static final WireMockServer ORDERING_1 = started();
    public static final WireMockServer ORDERING_2 = started();
    public static final WireMockServer NOTIFICATION = started();
    public static final String ORDERING_DOWN = "http://127.0.0.1:" + freePort();
    public static final TestMessaging MESSAGING = TestMessaging.create();
    /** The console's only way to RabbitMQ (its publishes and its dead-letter drain share the connection). */
    public static final TcpProxy RABBITMQ = new TcpProxy(5672);
    /**
     * How long the console awaits a retried dead letter's confirm: short enough for a test to hold RabbitMQ past it,
     * long enough for a test to look around (the row, a concurrent retry) while one retry waits.
     */
    public static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

    static {
        declareQueues();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List.of(USER, CATALOG, ORDERING_1, ORDERING_2, NOTIFICATION).forEach(WireMockServer::stop);
            RABBITMQ.close();
            MESSAGING.delete();
        }, "console-test-services"));
    }

    private ConsoleTestServices() {
    }

    static void properties(DynamicPropertyRegistry registry) {
        String database = TestDatabases.create("console_it");
        registry.add("spring.datasource.url", () -> database);
        TestTokens.verifier(registry);
        TestTokens.revocations(registry);
        MESSAGING.register(registry);
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", RABBITMQ::port);
        registry.add("eventcommerce.console.confirm-timeout", CONFIRM_TIMEOUT::toString);
        registry.add("eventcommerce.console.services.user", USER::baseUrl);
        registry.add("eventcommerce.console.services.catalog", CATALOG::baseUrl);
        registry.add("eventcommerce.console.services.ordering",
                () -> ORDERING_1.baseUrl() + "," + ORDERING_2.baseUrl() + "," + ORDERING_DOWN);
        registry.add("eventcommerce.console.services.notification", NOTIFICATION::baseUrl);
        registry.add("eventcommerce.console.jaeger-ui-url", () -> "http://jaeger.test:16686");
    }

    /** The original queue of each dead-letter queue the console drains, and the dead-letter queue itself. */
    public static Map<String, String> deadLetterQueues() {
        return Map.of(MESSAGING.notificationQueue(), MESSAGING.notificationQueue() + ".dlq",
                MESSAGING.catalogStockQueue(), MESSAGING.catalogStockQueue() + ".dlq",
                MESSAGING.orderingReplyQueue(), MESSAGING.orderingReplyQueue() + ".dlq",
                MESSAGING.orderingProductQueue(), MESSAGING.orderingProductQueue() + ".dlq");
    }

    private static void declareQueues() {
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            deadLetterQueues().forEach((original, deadLetters) -> {
                admin.declareQueue(expiring(original));
                admin.declareQueue(expiring(deadLetters));
            });
        } finally {
            connections.destroy();
        }
    }

    private static Queue expiring(String name) {
        return QueueBuilder.durable(name).expires(10 * 60 * 1000).build();
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
