package dev.eventcommerce.ordering.messaging;

import dev.eventcommerce.kernel.contract.CatalogEventsExchange;
import dev.eventcommerce.kernel.contract.ProductMessage;
import dev.eventcommerce.platform.messaging.RetryingListenerContainerFactory;
import dev.eventcommerce.platform.messaging.UnreadableMessageException;
import dev.eventcommerce.ordering.api.CatalogProductView;
import dev.eventcommerce.ordering.query.ProductReplica;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes catalog's product changes into the {@link ProductReplica}, from two queues bound alike:
 * <ul>
 * <li>the durable product-replica queue, which the instances share (competing consumers): no change is
 * lost while every instance is away;</li>
 * <li>this instance's own queue (exclusive, gone with its connection), which gives every instance every
 * change, so that each one's memory of the products follows; when its consumer (re)starts (after a
 * broker outage or a lost connection), the changes sent meanwhile never reached it and the memory is
 * forgotten.</li>
 * </ul>
 * Each change is applied only over an older version, so the second delivery of a change (one per queue,
 * or a redelivery) and a change overtaken by a newer one record nothing. Acknowledged after it is applied;
 * an unreadable message is dead-lettered at once; an unreachable database is retried, then the message is
 * requeued (see {@link RetryingListenerContainerFactory}). Counted in {@code product.changes.received{outcome=...}}.
 */
@Component
class ProductChangeListener {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String RECEIVED = "product.changes.received";

    private final ProductReplica replica;
    private final Counter done;
    private final String instanceQueue;

    ProductChangeListener(ProductReplica replica, MeterRegistry meters, Queue productChangesOfThisInstance) {
        this.replica = replica;
        this.done = meters.counter(RECEIVED, "outcome", "done");
        this.instanceQueue = productChangesOfThisInstance.getName();
    }

    @RabbitListener(id = "ordering-product-replica", queues = "${eventcommerce.messaging.ordering-product-queue}",
            containerFactory = MessagingConfiguration.PRODUCT_CHANGE_CONTAINERS)
    void onShared(Message message) {
        apply(message);
    }

    /** One consumer: this instance's changes in the order they come. */
    @RabbitListener(id = "ordering-product-changes", queues = "#{productChangesOfThisInstance.name}",
            containerFactory = MessagingConfiguration.PRODUCT_CHANGE_CONTAINERS, concurrency = "1")
    void onThisInstance(Message message) {
        apply(message);
    }

    private void apply(Message message) {
        replica.apply(change(message.getBody()));
        done.increment();
    }

    /** The consumer of this instance's queue started (again): what it may have missed is forgotten. */
    @EventListener
    void consuming(ConsumeOkEvent event) {
        if (instanceQueue.equals(event.getQueue())) {
            replica.forget();
        }
    }

    /** The change a product message carries. */
    static CatalogProductView change(byte[] body) {
        ProductMessage message;
        try {
            message = JSON.readValue(body, ProductMessage.class);
        } catch (JacksonException e) {
            throw new UnreadableMessageException("not a product message: " + e.getOriginalMessage());
        }
        ProductMessage.Data data = message == null ? null : message.data();
        if (data == null || data.productId() <= 0 || data.version() < 0
                || !CatalogEventsExchange.PRODUCT_CHANGES.contains(message.event())) {
            throw new UnreadableMessageException("product message without event, data.product_id or data.version");
        }
        if (!data.deleted() && (data.name() == null || data.price() == null)) {
            throw new UnreadableMessageException("product message without name or price");
        }
        return new CatalogProductView(data.productId(), data.name(), data.price(), data.deleted(), data.version());
    }
}
