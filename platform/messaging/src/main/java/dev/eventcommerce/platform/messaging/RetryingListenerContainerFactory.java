package dev.eventcommerce.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Predicate;
import org.aopalliance.intercept.MethodInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;
import org.springframework.core.retry.RetryPolicy;

/**
 * Listener containers (Boot's {@code spring.rabbitmq.listener.simple} settings, automatic acknowledgement)
 * that retry a failed delivery with Spring AMQP's stateless retry interceptors and settle it with its
 * recoverers:
 * <ul>
 * <li>a transient failure (the database unreachable, see {@link TransientFailures}, or what the caller names
 * as passing by itself, such as a concurrent change of the same aggregate) is retried with a growing pause
 * for up to {@code transientWait}, then the message goes back to the queue, never to the dead letters;</li>
 * <li>any other failure is tried {@code maxAttempts} times, then dead-lettered, so one bad message neither
 * loops nor blocks the queue;</li>
 * <li>an {@link UnreadableMessageException} is dead-lettered at once.</li>
 * </ul>
 * A dead letter is published to the dead-letter exchange with the failure's message and the original queue,
 * exchange and routing key in its headers, and confirmed before the original is acknowledged
 * ({@link DeadLetterPublisher}); if the broker does not confirm it, the original goes back to the queue.
 * A listener that returns has its message acknowledged. What is dead-lettered or requeued is counted in
 * {@code meter{outcome=dead_lettered|requeued}}; the listener counts its own successes under the same name.
 * The context's closing ends the waiting: the message goes back to the queue for the next consumer.
 */
public class RetryingListenerContainerFactory extends SimpleRabbitListenerContainerFactory
        implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(RetryingListenerContainerFactory.class);

    /**
     * @param maxAttempts    attempts for a failure that does not pass by itself; then the message is dead-lettered
     * @param initialBackoff pause after the first failure, doubled after each further one
     * @param maxBackoff     longest pause between two attempts
     * @param transientWait  how long a transient failure is retried before the message goes back to the queue
     */
    public record Settings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration transientWait) {

        /**
         * Under {@code prefix}: {@code .max-attempts} (3), {@code .initial-backoff} (50ms), {@code .max-backoff}
         * (2s) and {@code .transient-wait} (30s).
         */
        public static Settings configured(Environment environment, String prefix) {
            Binder binder = Binder.get(environment);
            return new Settings(binder.bind(prefix + ".max-attempts", Integer.class).orElse(3),
                    binder.bind(prefix + ".initial-backoff", Duration.class).orElse(Duration.ofMillis(50)),
                    binder.bind(prefix + ".max-backoff", Duration.class).orElse(Duration.ofSeconds(2)),
                    binder.bind(prefix + ".transient-wait", Duration.class).orElse(Duration.ofSeconds(30)));
        }
    }

    private volatile boolean stopping;

    /**
     * @param deadLetterExchange the exchange the consumer queues dead-letter to (see {@link ConsumerQueue})
     * @param alsoTransient      the failures besides an unreachable database that pass by themselves
     * @param meter              the counter of outcomes
     */
    public RetryingListenerContainerFactory(SimpleRabbitListenerContainerFactoryConfigurer configurer,
                                            ConnectionFactory connectionFactory, Settings settings,
                                            String deadLetterExchange, Predicate<Throwable> alsoTransient,
                                            MeterRegistry meters, String meter) {
        configurer.configure(this, connectionFactory);
        setAcknowledgeMode(AcknowledgeMode.AUTO);
        Predicate<Throwable> isTransient = failure -> TransientFailures.isDatabaseUnavailable(failure)
                || alsoTransient.test(failure);
        Counter deadLettered = meters.counter(meter, "outcome", "dead_lettered");
        Counter requeued = meters.counter(meter, "outcome", "requeued");
        MessageRecoverer deadLetter = new DeadLetterPublisher(connectionFactory, deadLetterExchange);
        // One RetryPolicy counts every failure against one budget, and these two kinds have budgets of their own
        // (attempts, time): hence two retries, the transient one inside the other.
        MethodInterceptor attempts = RetryInterceptorBuilder.stateless()
                .retryPolicy(backOff(RetryPolicy.builder(), settings)
                        .maxRetries(settings.maxAttempts() - 1L)
                        .excludes(UnreadableMessageException.class)
                        .predicate(isTransient.negate())
                        .build())
                .recoverer((message, failure) -> {
                    if (isTransient.test(failure)) {
                        requeued.increment();
                        requeue(message, failure);
                    } else {
                        deadLetter(deadLetter, message, failure, deadLettered, requeued);
                    }
                })
                .build();
        MethodInterceptor transientWait = RetryInterceptorBuilder.stateless()
                .retryPolicy(backOff(RetryPolicy.builder(), settings)
                        .maxRetries(Long.MAX_VALUE)
                        .timeout(settings.transientWait())
                        .predicate(failure -> !stopping && isTransient.test(failure))
                        .build())
                .recoverer(RetryingListenerContainerFactory::passOn)
                .build();
        setAdviceChain(attempts, transientWait);
    }

    private static RetryPolicy.Builder backOff(RetryPolicy.Builder policy, Settings settings) {
        return policy.delay(settings.initialBackoff()).multiplier(2).maxDelay(settings.maxBackoff());
    }

    /** To the dead letters, or back to the queue if the broker does not confirm the dead letter. */
    private static void deadLetter(MessageRecoverer deadLetter, Message message, Throwable failure,
                                   Counter deadLettered, Counter requeued) {
        try {
            deadLetter.recover(message, failure);
        } catch (RuntimeException notConfirmed) {
            requeued.increment();
            log.warn("Message {} could not be dead-lettered ({})", message.getMessageProperties().getMessageId(),
                    notConfirmed.toString());
            requeue(message, failure);
        }
        deadLettered.increment();
        log.warn("Message {} dead-lettered: {}", message.getMessageProperties().getMessageId(),
                DeadLetterPublisher.truncated(NestedExceptionUtils.getMostSpecificCause(failure).toString()));
    }

    /**
     * Back to the queue. Not Spring AMQP's {@code ImmediateRequeueMessageRecoverer}: it throws its exception bare,
     * which the container takes for a broken consumer and restarts it (and the consumer's restart means something
     * to a listener: see ordering's ProductChangeListener); wrapped, the container only requeues the message.
     */
    private static void requeue(Message message, Throwable failure) {
        log.warn("Message {} still failing ({}); it goes back to the queue", message.getMessageProperties().getMessageId(),
                NestedExceptionUtils.getMostSpecificCause(failure).toString());
        throw new ListenerExecutionFailedException("Still failing; back to the queue",
                new ImmediateRequeueAmqpException(failure), message);
    }

    /** The transient wait is over: the failure goes on to the retry around it, which settles the message. */
    private static void passOn(Message message, Throwable failure) {
        throw failure instanceof RuntimeException runtime ? runtime
                : new ListenerExecutionFailedException("Listener failed", failure, message);
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping = true;
    }
}
