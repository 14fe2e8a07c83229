package dev.eventcommerce.catalog.messaging;

import dev.eventcommerce.catalog.api.ReleaseStock;
import dev.eventcommerce.catalog.api.ReserveStock;
import dev.eventcommerce.kernel.contract.OrderCancelledMessage;
import dev.eventcommerce.kernel.contract.OrderCreatedMessage;
import dev.eventcommerce.kernel.contract.OrderEventsExchange;
import dev.eventcommerce.platform.messaging.RetryingListenerContainerFactory;
import dev.eventcommerce.platform.messaging.UnreadableMessageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes ordering's stock requests: an order-created message asks the product to reserve the order's
 * quantity, an order-cancelled message to release it. The Product aggregate decides each order once,
 * so a redelivered or duplicated message records nothing the second time; the answer goes out from the
 * event store through the {@link StockBridge}. A message is acknowledged only after its command
 * succeeded (or changed nothing); an unreadable one is dead-lettered at once; a concurrent change of the
 * same product or an unreachable database is retried, then requeued (see {@link RetryingListenerContainerFactory}).
 * Counted in {@code stock.requests.received{outcome=done|dead_lettered|requeued}}.
 */
@Component
class StockRequestListener {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String RECEIVED = "stock.requests.received";

    private final CommandGateway commands;
    private final Counter done;

    StockRequestListener(CommandGateway commands, MeterRegistry meters) {
        this.commands = commands;
        this.done = meters.counter(RECEIVED, "outcome", "done");
    }

    @RabbitListener(id = "catalog-stock-requests", queues = "${eventcommerce.messaging.catalog-stock-queue}",
            containerFactory = StockMessagingConfiguration.STOCK_REQUEST_CONTAINERS)
    void on(Message message) {
        commands.sendAndWait(command(message.getMessageProperties().getReceivedRoutingKey(), message.getBody()));
        done.increment();
    }

    /** The command a stock request asks for, by its routing key. */
    static Object command(String routingKey, byte[] body) {
        try {
            if (OrderEventsExchange.ORDER_CREATED.equals(routingKey)) {
                OrderCreatedMessage message = JSON.readValue(body, OrderCreatedMessage.class);
                OrderCreatedMessage.Data order = message == null ? null : message.data();
                if (order == null || order.orderId() <= 0 || order.productId() <= 0 || order.quantity() <= 0) {
                    throw new UnreadableMessageException("order-created message without order_id, product_id or quantity");
                }
                return new ReserveStock(order.productId(), order.orderId(), order.quantity());
            }
            if (OrderEventsExchange.ORDER_CANCELLED.equals(routingKey)) {
                OrderCancelledMessage message = JSON.readValue(body, OrderCancelledMessage.class);
                OrderCancelledMessage.Data order = message == null ? null : message.data();
                if (order == null || order.orderId() <= 0 || order.productId() <= 0) {
                    throw new UnreadableMessageException("order-cancelled message without order_id or product_id");
                }
                return new ReleaseStock(order.productId(), order.orderId(), order.reason());
            }
        } catch (JacksonException e) {
            throw new UnreadableMessageException("not a stock request: " + e.getOriginalMessage());
        }
        throw new UnreadableMessageException("no stock request is routed with " + routingKey);
    }
}
