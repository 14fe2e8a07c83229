package dev.eventcommerce.ordering.messaging;

import dev.eventcommerce.kernel.contract.CatalogEventsExchange;
import dev.eventcommerce.kernel.contract.StockReplyMessage;
import dev.eventcommerce.platform.messaging.RetryingListenerContainerFactory;
import dev.eventcommerce.platform.messaging.UnreadableMessageException;
import dev.eventcommerce.ordering.api.ConfirmOrder;
import dev.eventcommerce.ordering.api.RejectOrder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes catalog's answers: stock reserved confirms the order, stock rejected rejects it with catalog's
 * reason; stock released is only acknowledged. The Order applies an answer only while it is pending, so a redelivered, duplicated or late
 * answer records nothing; an answer for a deleted order is dropped. Acknowledged after the command;
 * an unreadable answer is dead-lettered at once; a concurrent change of the order or an unreachable
 * database is retried, then requeued (see {@link RetryingListenerContainerFactory}).
 * Counted in {@code stock.replies.received{outcome=done|dead_lettered|requeued}}.
 */
@Component
class StockReplyListener {

    private static final Logger log = LoggerFactory.getLogger(StockReplyListener.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String RECEIVED = "stock.replies.received";

    private final CommandGateway commands;
    private final Counter done;

    StockReplyListener(CommandGateway commands, MeterRegistry meters) {
        this.commands = commands;
        this.done = meters.counter(RECEIVED, "outcome", "done");
    }

    @RabbitListener(id = "ordering-stock-replies", queues = "${eventcommerce.messaging.ordering-reply-queue}",
            containerFactory = MessagingConfiguration.STOCK_REPLY_CONTAINERS)
    void on(Message message) {
        send(command(message.getBody()));
        done.increment();
    }

    private void send(Optional<Object> command) {
        try {
            command.ifPresent(commands::sendAndWait);
        } catch (AggregateNotFoundException e) {
            log.info("A stock answer for a deleted or unknown order is dropped: {}", command);
        }
    }

    /** The command an answer asks for; none for a release (the order's cancellation already records it). */
    static Optional<Object> command(byte[] body) {
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
