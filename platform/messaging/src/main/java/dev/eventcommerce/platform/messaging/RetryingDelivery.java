package dev.eventcommerce.platform.messaging;

import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;

/**
 * Runs the work of one RabbitMQ delivery that is acknowledged by hand, and settles the delivery by the
 * outcome. A transient failure (the database unreachable, see {@link TransientFailures}, or what the caller
 * names as passing by itself, such as a concurrent change of the same aggregate) is retried with a growing pause for up to {@code transientWait}, then the message
 * goes back to the queue, never to the dead letters; any other failure is tried {@code maxAttempts}
 * times, then dead-lettered, so one bad message neither loops nor blocks the queue. A message that cannot
 * be read is dead-lettered at once.
 */
public class RetryingDelivery {

    private static final Logger log = LoggerFactory.getLogger(RetryingDelivery.class);

    /** What becomes of a delivery. */
    public enum Outcome { DONE, DEAD_LETTERED, REQUEUED }

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration transientWait;
    private final Predicate<Throwable> alsoTransient;
    private volatile boolean stopping;

    /**
     * One configured under {@code prefix}: {@code .max-attempts} (3), {@code .initial-backoff} (50ms),
     * {@code .max-backoff} (2s) and {@code .transient-wait} (30s); {@code alsoTransient} names the failures
     * besides an unreachable database that pass by themselves.
     */
    public static RetryingDelivery configured(Environment environment, String prefix,
                                              Predicate<Throwable> alsoTransient) {
        Binder binder = Binder.get(environment);
        return new RetryingDelivery(binder.bind(prefix + ".max-attempts", Integer.class).orElse(3),
                binder.bind(prefix + ".initial-backoff", Duration.class).orElse(Duration.ofMillis(50)),
                binder.bind(prefix + ".max-backoff", Duration.class).orElse(Duration.ofSeconds(2)),
                binder.bind(prefix + ".transient-wait", Duration.class).orElse(Duration.ofSeconds(30)),
                alsoTransient);
    }

    public RetryingDelivery(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration transientWait,
                            Predicate<Throwable> alsoTransient) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.transientWait = transientWait;
        this.alsoTransient = alsoTransient;
    }

    /** Reads what a message asks for; an {@link UnreadableMessageException} when it asks for nothing readable. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Message message) throws UnreadableMessageException;
    }

    /** A message that no retry can make readable: it goes to the dead letters at once. */
    public static class UnreadableMessageException extends Exception {

        public UnreadableMessageException(String reason) {
            super(reason);
        }
    }

    /**
     * Reads the message, hands what it asks for to {@code work} (retried as above), settles the delivery
     * and counts the outcome in {@code meter{outcome=done|dead_lettered|requeued}}.
     */
    public <T> void deliver(Message message, Channel channel, Reader<T> reader, Consumer<T> work, MeterRegistry meters,
                            String meter) throws IOException {
        String what = "message " + message.getMessageProperties().getMessageId();
        Outcome outcome;
        try {
            T request = reader.read(message);
            outcome = run(what, () -> work.accept(request));
        } catch (UnreadableMessageException e) {
            log.warn("Dead-lettering unreadable {}: {}", what, e.getMessage());
            outcome = Outcome.DEAD_LETTERED;
        }
        settle(channel, message.getMessageProperties().getDeliveryTag(), outcome);
        meters.counter(meter, "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    /** @param what names the message in the log */
    public Outcome run(String what, Runnable work) {
        int failures = 0;
        Duration backoff = initialBackoff;
        long transientDeadline = System.nanoTime() + transientWait.toNanos();
        while (true) {
            try {
                work.run();
                return Outcome.DONE;
            } catch (RuntimeException e) {
                String cause = NestedExceptionUtils.getMostSpecificCause(e).toString();
                if (TransientFailures.isDatabaseUnavailable(e) || alsoTransient.test(e)) {
                    if (stopping || System.nanoTime() - transientDeadline > 0) {
                        log.warn("{} still failing ({}); it goes back to the queue", what, cause);
                        return Outcome.REQUEUED;
                    }
                    log.debug("{} failed transiently ({}); retried in {}", what, cause, backoff);
                } else if (++failures >= maxAttempts) {
                    log.error("{} failed {} times; dead-lettering it", what, failures, e);
                    return Outcome.DEAD_LETTERED;
                } else {
                    log.warn("{} failed (attempt {} of {}): {}", what, failures, maxAttempts, cause);
                }
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.REQUEUED;
            }
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
        }
    }

    /** Acknowledges, dead-letters (reject without requeue) or requeues the delivery. */
    public static void settle(Channel channel, long deliveryTag, Outcome outcome) throws IOException {
        switch (outcome) {
            case DONE -> channel.basicAck(deliveryTag, false);
            case DEAD_LETTERED -> channel.basicReject(deliveryTag, false);
            case REQUEUED -> channel.basicNack(deliveryTag, false, true);
        }
    }

    /** A shutdown ends the waiting: the message goes back to the queue for the next consumer. */
    public void stop() {
        stopping = true;
    }
}
