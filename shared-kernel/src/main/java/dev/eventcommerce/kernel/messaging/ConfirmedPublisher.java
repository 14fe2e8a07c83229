package dev.eventcommerce.kernel.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes one message and returns only once the broker confirmed it was routed to a queue: what a
 * bridge from an event store (the outbox) to RabbitMQ needs before its processor may advance its token.
 * A nack, an unroutable return (mandatory publishing) or a missing confirm throws, so the event is
 * handled again later. Needs {@code publisher-confirm-type: correlated}, {@code publisher-returns} and
 * {@code template.mandatory}. Counted in {@code bridge.messages{outcome=confirmed|returned|nacked|failed}}.
 */
public class ConfirmedPublisher {

    private final RabbitTemplate rabbit;
    private final Duration confirmTimeout;
    private final MeterRegistry meters;

    public ConfirmedPublisher(RabbitTemplate rabbit, Duration confirmTimeout, MeterRegistry meters) {
        this.rabbit = rabbit;
        this.confirmTimeout = confirmTimeout;
        this.meters = meters;
    }

    /**
     * A persistent JSON message whose id is {@code messageId} (the event's identifier: consumers
     * de-duplicate on it).
     */
    public static Message persistentJson(byte[] body, String messageId, String type) {
        return MessageBuilder.withBody(body)
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding("UTF-8")
                .setMessageId(messageId)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setType(type)
                .build();
    }

    /**
     * @param what names the message in failures, e.g. "order 12"
     * @throws AmqpException when the broker did not confirm the message as routed
     */
    public void publish(String exchange, String routingKey, Message message, String what) {
        CorrelationData correlation = new CorrelationData(message.getMessageProperties().getMessageId());
        CorrelationData.Confirm confirm;
        try {
            rabbit.send(exchange, routingKey, message, correlation);
            confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("failed", "interrupted while publishing " + what);
        } catch (ExecutionException | TimeoutException e) {
            throw failure("failed", "no confirm for " + what + " within " + confirmTimeout);
        } catch (AmqpException e) {
            meters.counter("bridge.messages", "outcome", "failed").increment();
            throw e;
        }
        if (!confirm.ack()) {
            throw failure("nacked", "broker refused " + what + ": " + confirm.reason());
        }
        if (correlation.getReturned() != null) {
            throw failure("returned", "no queue is bound for " + routingKey + " on " + exchange + " yet");
        }
        meters.counter("bridge.messages", "outcome", "confirmed").increment();
    }

    private AmqpException failure(String outcome, String reason) {
        meters.counter("bridge.messages", "outcome", outcome).increment();
        return new AmqpException(reason);
    }
}
