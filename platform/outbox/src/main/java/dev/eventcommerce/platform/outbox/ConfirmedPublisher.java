package dev.eventcommerce.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes messages and returns only once the broker confirmed each was routed to a queue: what a bridge
 * from an event store (the outbox) to RabbitMQ needs before its processor may advance its token. A nack, an
 * unroutable return (mandatory publishing) or a missing confirm throws, so the event is handled again later.
 * Needs {@code publisher-confirm-type: correlated}, {@code publisher-returns} and {@code template.mandatory}.
 * Counted in {@code bridge.messages{outcome=confirmed|returned|nacked|failed}}.
 *
 * <p>Inside a unit of work (a processor's batch of events) the messages are collected and go out when it
 * prepares to commit: all on one channel, in the order they were published, and then every confirm is awaited
 * together. A failure fails the batch, whose token then stays where it was (its messages go out again when it
 * is retried; consumers de-duplicate on the message id). Waiting for each message's confirm
 * before sending the next had made the bridge a broker round trip (with its disk write) per event: under 90
 * orders/s it fell seconds behind. Outside a unit of work a message is sent and confirmed at once. Each message
 * is sent in the trace span that was current when it was published (the event handler's), so the message and
 * its consumer stay in the trace of the request that caused the event.
 */
public class ConfirmedPublisher {

    private static final String RESOURCE = ConfirmedPublisher.class.getName();

    private final RabbitTemplate rabbit;
    private final Duration confirmTimeout;
    private final MeterRegistry meters;
    private final Tracer tracer;

    /** @param tracer the service's tracer, or {@link Tracer#NOOP} without tracing */
    public ConfirmedPublisher(RabbitTemplate rabbit, Duration confirmTimeout, MeterRegistry meters, Tracer tracer) {
        this.rabbit = rabbit;
        this.confirmTimeout = confirmTimeout;
        this.meters = meters;
        this.tracer = tracer;
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
     * Publishes now, or with the rest of the current unit of work's messages when it prepares to commit.
     *
     * @param what names the message in failures, e.g. "order 12"
     * @throws AmqpException when the broker did not confirm the message as routed
     */
    public void publish(String exchange, String routingKey, Message message, String what) {
        Outgoing outgoing = new Outgoing(exchange, routingKey, message, what, tracer.currentSpan());
        if (!CurrentUnitOfWork.isStarted()) {
            publishAll(List.of(outgoing));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        unitOfWork.getOrComputeResource(RESOURCE, key -> {
            List<Outgoing> batch = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> publishAll(batch));
            return batch;
        }).add(outgoing);
    }

    private void publishAll(List<Outgoing> batch) {
        List<CorrelationData> correlations;
        try {
            // one channel for the whole batch keeps the messages in order
            correlations = rabbit.invoke(operations -> {
                List<CorrelationData> sent = new ArrayList<>(batch.size());
                for (Outgoing outgoing : batch) {
                    CorrelationData correlation =
                            new CorrelationData(outgoing.message().getMessageProperties().getMessageId());
                    if (outgoing.span() == null) {
                        operations.send(outgoing.exchange(), outgoing.routingKey(), outgoing.message(), correlation);
                    } else {
                        try (Tracer.SpanInScope inSpan = tracer.withSpan(outgoing.span())) {
                            operations.send(outgoing.exchange(), outgoing.routingKey(), outgoing.message(),
                                    correlation);
                        }
                    }
                    sent.add(correlation);
                }
                return sent;
            });
        } catch (AmqpException e) {
            meters.counter("bridge.messages", "outcome", "failed").increment();
            throw e;
        }
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        for (int i = 0; i < batch.size(); i++) {
            confirmed(correlations.get(i), batch.get(i), deadline);
        }
    }

    private void confirmed(CorrelationData correlation, Outgoing outgoing, long deadline) {
        String what = outgoing.what();
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("failed", "interrupted while publishing " + what);
        } catch (ExecutionException | TimeoutException e) {
            throw failure("failed", "no confirm for " + what + " within " + confirmTimeout);
        }
        if (!confirm.ack()) {
            throw failure("nacked", "broker refused " + what + ": " + confirm.reason());
        }
        if (correlation.getReturned() != null) {
            throw failure("returned", "no queue is bound for " + outgoing.routingKey() + " on " + outgoing.exchange()
                    + " yet");
        }
        meters.counter("bridge.messages", "outcome", "confirmed").increment();
    }

    private AmqpException failure(String outcome, String reason) {
        meters.counter("bridge.messages", "outcome", outcome).increment();
        return new AmqpException(reason);
    }

    private record Outgoing(String exchange, String routingKey, Message message, String what, Span span) {
    }
}
