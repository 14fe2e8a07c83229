package dev.eventcommerce.notification.messaging;

import static dev.eventcommerce.notification.messaging.NotificationServiceTestSupport.await;
import static dev.eventcommerce.notification.messaging.NotificationServiceTestSupport.messageId;
import static dev.eventcommerce.notification.messaging.NotificationServiceTestSupport.uniqueId;
import static dev.eventcommerce.notification.messaging.TestBroker.orderCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.TcpProxy;
import dev.eventcommerce.platform.testing.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service reaches PostgreSQL through a proxy that the test cuts while a message arrives: the message
 * is neither acknowledged nor dead-lettered but waited on and given back to the queue, and it is recorded
 * once the database is back, as after a PostgreSQL restart.
 */
@NotificationServiceTest
class DatabaseOutageIT {

    static final TcpProxy POSTGRES = new TcpProxy(5432);
    static final TestBroker BROKER = new TestBroker();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BROKER.register(registry);
        String database = TestDatabases.create("notification_outage");
        String name = database.substring(database.lastIndexOf('/') + 1);
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + POSTGRES.port() + "/" + name);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
        // Short, so that the test sees a delivery given back to the queue and delivered again.
        registry.add("eventcommerce.notifications.retry.database-wait", () -> "2s");
        registry.add("eventcommerce.notifications.retry.max-backoff", () -> "500ms");
        // One attempt for other failures: a database failure taken for a bad message is dead-lettered at once.
        registry.add("eventcommerce.notifications.retry.max-attempts", () -> "1");
    }

    @AfterAll
    static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
        listeners.stop();
        BROKER.close();
        POSTGRES.close();
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void aMessageThatArrivesWhileTheDatabaseIsDownIsRecordedWhenItIsBack() {
        long user = uniqueId();
        long before = uniqueId();
        long during = uniqueId();
        BROKER.publish(messageId(), orderCreated(before, user, "Before", 1, "1.00"));
        assertThat(await(Duration.ofSeconds(15), () -> recorded(before))).isTrue();
        double requeued = received("requeued");
        double deadLettered = received("dead_lettered");

        POSTGRES.cut();
        try {
            BROKER.publish(messageId(), orderCreated(during, user, "During", 1, "1.00"));
            assertThat(await(Duration.ofSeconds(20), () -> received("requeued") >= requeued + 2))
                    .as("given back to the queue, and again after its redelivery").isTrue();
            assertThat(received("dead_lettered")).isEqualTo(deadLettered);
            assertThat(BROKER.ready(BROKER.deadLetterQueue)).isZero();
        } finally {
            POSTGRES.restore();
        }

        assertThat(await(Duration.ofSeconds(30), () -> recorded(during)))
                .as("recorded once the database is back").isTrue();
        assertThat(received("dead_lettered")).isEqualTo(deadLettered);
        assertThat(BROKER.ready(BROKER.deadLetterQueue)).isZero();
        assertThat(BROKER.ready(BROKER.queue)).isZero();
    }

    private boolean recorded(long order) {
        try {
            return jdbc.sql("SELECT count(*) FROM notifications WHERE order_id = ?").param(order)
                    .query(Long.class).single() == 1;
        } catch (RuntimeException databaseStillDown) {
            return false;
        }
    }

    private double received(String outcome) {
        return meters.get("notifications.received").tag("outcome", outcome).counter().count();
    }
}
