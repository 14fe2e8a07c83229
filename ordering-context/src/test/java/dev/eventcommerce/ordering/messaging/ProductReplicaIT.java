package dev.eventcommerce.ordering.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.kernel.contract.ProductMessage;
import dev.eventcommerce.ordering.web.OrderingServiceTest;
import dev.eventcommerce.platform.testing.TestMessaging;
import dev.eventcommerce.ordering.api.CatalogProductView;
import dev.eventcommerce.ordering.query.ProductReplica;
import dev.eventcommerce.ordering.web.OrderingTestSetup;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ordering's product replica fed by catalog's product messages over the real RabbitMQ (published by the test
 * as catalog publishes them) into the real PostgreSQL: every change is applied once and never backwards,
 * whatever the order and number of deliveries, and the memory in front of the table is forgotten when the
 * consumer of the instance's own queue restarts.
 */
@OrderingServiceTest
class ProductReplicaIT {

    @Autowired
    TestMessaging messaging;

    @Autowired
    ProductReplica replica;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    RabbitListenerEndpointRegistry listeners;
    @Autowired
    RabbitTemplate rabbit;

    @Test
    void aRedeliveredOrOlderChangeAfterANewerOneChangesNothing() {
        String created = UUID.randomUUID().toString();
        send("product.created", new ProductMessage.Data(41, "Chair", new BigDecimal("5.00"), false, 0), created);
        send("product.updated", new ProductMessage.Data(41, "Armchair", new BigDecimal("7.00"), false, 4), null);
        send("product.created", new ProductMessage.Data(41, "Chair", new BigDecimal("5.00"), false, 0), created);
        send("product.updated", new ProductMessage.Data(41, "Stool", new BigDecimal("6.00"), false, 2), null);
        awaitDeliveries();

        assertThat(row(41)).isEqualTo(new CatalogProductView(41, "Armchair", new BigDecimal("7.00"), false, 4));
        assertThat(replica.find(41)).contains(new CatalogProductView(41, "Armchair", new BigDecimal("7.00"), false, 4));

        send("product.deleted", new ProductMessage.Data(41, null, null, true, 5), null);
        send("product.updated", new ProductMessage.Data(41, "Armchair", new BigDecimal("7.00"), false, 4), null);
        awaitDeliveries();

        assertThat(row(41)).as("deleted, with its last name and price")
                .isEqualTo(new CatalogProductView(41, "Armchair", new BigDecimal("7.00"), true, 5));
        assertThat(replica.find(41)).hasValueSatisfying(product -> assertThat(product.deleted()).isTrue());
    }

    @Test
    void aProductReadFromCatalogNeverOverridesAMessageAndEveryMessageOverridesIt() {
        send("product.updated", new ProductMessage.Data(42, "Desk", new BigDecimal("90.00"), false, 3), null);
        awaitDeliveries();

        replica.learn(new CatalogProductView(42, "Old desk", new BigDecimal("80.00"), false, CatalogProductView.UNVERSIONED));
        assertThat(row(42).name()).isEqualTo("Desk");

        replica.learn(new CatalogProductView(43, "Lamp", new BigDecimal("15.00"), false, CatalogProductView.UNVERSIONED));
        assertThat(row(43).version()).isEqualTo(CatalogProductView.UNVERSIONED);
        send("product.created", new ProductMessage.Data(43, "Lamp", new BigDecimal("14.00"), false, 0), null);
        awaitDeliveries();
        assertThat(row(43)).isEqualTo(new CatalogProductView(43, "Lamp", new BigDecimal("14.00"), false, 0));
        assertThat(replica.find(43).orElseThrow().price()).isEqualByComparingTo("14.00");
    }

    @Test
    void theMemoryIsForgottenWhenTheConsumerOfTheInstancesQueueRestarts() {
        send("product.created", new ProductMessage.Data(44, "Rug", new BigDecimal("30.00"), false, 0), null);
        awaitDeliveries();
        assertThat(replica.find(44).orElseThrow().price()).isEqualByComparingTo("30.00");
        // a change this instance never heard of (its queue was gone meanwhile): the memory still answers
        jdbc.sql("UPDATE product_replica SET price = 33.00, version = 1 WHERE product_id = 44").update();
        assertThat(replica.find(44).orElseThrow().price()).as("from memory").isEqualByComparingTo("30.00");

        MessageListenerContainer instanceQueue = listeners.getListenerContainer("ordering-product-changes");
        instanceQueue.stop();
        instanceQueue.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && replica.find(44).orElseThrow().version() != 1) {
            OrderingTestSetup.sleep(50);
        }
        assertThat(replica.find(44).orElseThrow().price()).as("read again from the table").isEqualByComparingTo("33.00");
        send("product.updated", new ProductMessage.Data(44, "Rug", new BigDecimal("35.00"), false, 2), null);
        awaitDeliveries();
        assertThat(replica.find(44).orElseThrow().price()).as("the restarted queue delivers").isEqualByComparingTo("35.00");
    }

    @Test
    void anUnreadableChangeIsDeadLetteredFromTheSharedQueueAndGivenUpOnInTheInstancesOwn() {
        double deadLettered = meters.counter("product.changes.received", "outcome", "dead_lettered").count();
        rabbit.send(messaging.catalogExchange(), "product.updated",
                MessageBuilder.withBody("{\"event\":\"product.updated\"}".getBytes()).setMessageId("bad-change").build());

        Message dead = rabbit.receive(messaging.orderingProductQueue() + ".dlq", 10_000);
        assertThat(dead).isNotNull();
        assertThat(dead.getMessageProperties().getMessageId()).isEqualTo("bad-change");
        assertThat(dead.getMessageProperties().getHeaders())
                .containsEntry("x-original-queue", messaging.orderingProductQueue())
                .containsEntry("x-original-routing-key", "product.updated")
                .containsKey("x-exception-message");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline
                && meters.counter("product.changes.received", "outcome", "dead_lettered").count() < deadLettered + 2) {
            OrderingTestSetup.sleep(50);
        }
        assertThat(meters.counter("product.changes.received", "outcome", "dead_lettered").count())
                .as("the instance's copy too: its queue has no dead-letter queue, so it goes nowhere")
                .isEqualTo(deadLettered + 2);
        assertThat(rabbit.receive(messaging.orderingProductQueue() + ".dlq", 500)).isNull();
    }

    private static long sent;

    /** Each change reaches both of this instance's queues: the shared one and its own. */
    private void send(String event, ProductMessage.Data data, String messageId) {
        OrderingTestSetup.productChange(messaging, event, data, messageId == null ? UUID.randomUUID().toString() : messageId);
        sent += 2;
    }

    private void awaitDeliveries() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        double done = 0;
        while (System.nanoTime() < deadline) {
            done = meters.counter("product.changes.received", "outcome", "done").count();
            if (done >= sent) {
                return;
            }
            OrderingTestSetup.sleep(50);
        }
        throw new AssertionError(done + " of " + sent + " deliveries done");
    }

    private CatalogProductView row(long productId) {
        return jdbc.sql("SELECT product_id, name, price, deleted, version FROM product_replica WHERE product_id = ?")
                .param(productId)
                .query((row, n) -> new CatalogProductView(row.getLong(1), row.getString(2), row.getBigDecimal(3),
                        row.getBoolean(4), row.getLong(5)))
                .single();
    }
}
