package dev.eventcommerce.ordering.messaging;

import com.rabbitmq.client.Channel;
import dev.eventcommerce.kernel.contract.CatalogEventsExchange;
import dev.eventcommerce.kernel.contract.StockReplyMessage;
import dev.eventcommerce.platform.messaging.RetryingDelivery;
import dev.eventcommerce.platform.messaging.RetryingDelivery.UnreadableMessageException;
import dev.eventcommerce.ordering.api.ConfirmOrder;
import dev.eventcommerce.ordering.api.RejectOrder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes catalog's answers: stock reserved confirms the order, stock rejected rejects it with catalog's
 * reason; stock released is only acknowledged. The Order applies an answer only while it is pending, so a redelivered, duplicated or late
 * answer records nothing; an answer for a deleted order is dropped. Acknowledged after the command;
 * an unreadable answer is dead-lettered at once; a concurrent change of the order or an unreachable
 * database is retried, then requeued (see {@link RetryingDelivery}).
 * Counted in {@code stock.replies.received{outcome=done|dead_lettered|requeued}}.
 */
@Component
class StockReplyListener {

    private static final Logger log = LoggerFactory.getLogger(StockReplyListener.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CommandGateway commands;
    private final RetryingDelivery delivery;
    private final MeterRegistry meters;

    StockReplyListener(CommandGateway commands, RetryingDelivery stockReplyDelivery, MeterRegistry meters) {
        this.commands = commands;
        this.delivery = stockReplyDelivery;
        this.meters = meters;
    }

    @RabbitListener(id = "ordering-stock-replies", queues = "${eventcommerce.messaging.ordering-reply-queue}",
            ackMode = "MANUAL")
    void on(Message message, Channel channel) throws IOException {
        delivery.deliver(message, channel, received -> command(received.getBody()), this::send, meters,
                "stock.replies.received");
    }

    private void send(Optional<Object> command) {
        try {
            command.ifPresent(commands::sendAndWait);
        } catch (AggregateNotFoundException e) {
            log.info("A stock answer for a deleted or unknown order is dropped: {}", command);
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stopWaiting() {
        delivery.stop();
    }

    /** The command an answer asks for; none for a release (the order's cancellation already records it). */
    static Optional<Object> command(byte[] body) throws UnreadableMessageException {
        StockReplyMessage reply;
        try {
            reply = JSON.readValue(body, StockReplyMessage.class);
        } catch (JacksonException e) {
            throw new UnreadableMessageException("not a stock answer: " + e.getOriginalMessage());
        }
        if (reply == null || reply.data() == null || reply.data().orderId() <= 0) {
            throw new UnreadableMessageException("stock answer without data.order_id");
        }
        if (CatalogEventsExchange.STOCK_RESERVED.equals(reply.event())) {
            return Optional.of(new ConfirmOrder(reply.data().orderId()));
        }
        if (CatalogEventsExchange.STOCK_REJECTED.equals(reply.event())) {
            String reason = reply.data().reason() == null || reply.data().reason().isBlank()
                    ? "stock reservation rejected" : reply.data().reason();
            return Optional.of(new RejectOrder(reply.data().orderId(), reason, false));
        }
        if (CatalogEventsExchange.STOCK_RELEASED.equals(reply.event())) {
            return Optional.empty();
        }
        throw new UnreadableMessageException("not a stock answer ordering acts on: " + reply.event());
    }
}
