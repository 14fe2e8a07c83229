package dev.eventcommerce.console.deadletters;

import dev.eventcommerce.console.ConsoleProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator does with a dead letter, once: retry it (published back to the queue it was rejected from, by the
 * default exchange, with its message id and body, and marked retried only once the broker confirmed it was routed;
 * the consumers de-duplicate on the message id) or discard it, with who, when and why. The row is locked for the
 * action, so of two concurrent actions on it the second finds it done ({@link AlreadyHandledException}).
 */
@Service
public class DeadLetterActions {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterActions.class);

    /** RabbitMQ's and the platform's dead-lettering headers: a retried message is dead-lettered afresh if it fails again. */
    private static boolean deathHeader(String name) {
        return name.equals("x-death") || name.startsWith("x-first-death-") || name.startsWith("x-last-death-")
                || name.equals(DeadLetterDrain.EXCEPTION_MESSAGE) || name.equals(DeadLetterDrain.ORIGINAL_QUEUE)
                || name.equals(DeadLetterDrain.ORIGINAL_EXCHANGE) || name.equals(DeadLetterDrain.ORIGINAL_ROUTING_KEY)
                || name.equals(DeadLetterDrain.DEAD_LETTERED_AT) || name.equals("x-exception-stacktrace");
    }

    private final DeadLetters letters;
    private final RabbitTemplate rabbit;
    private final TransactionTemplate transactions;
    private final ConsoleProperties settings;

    public DeadLetterActions(DeadLetters letters, RabbitTemplate rabbit, TransactionTemplate transactions,
                             ConsoleProperties settings) {
        this.letters = letters;
        this.rabbit = rabbit;
        this.transactions = transactions;
        this.settings = settings;
    }

    public DeadLetter retry(long id, String by) {
        return transactions.execute(status -> {
            DeadLetters.Stored stored = actionable(id);
            DeadLetter letter = stored.letter();
            if (letter.originalQueue() == null) {
                throw new NotRetryableException("Dead letter " + id + " does not say which queue it came from");
            }
            publish(stored);
            letters.retried(id, by);
            log.info("Dead letter {} (message {}) retried to {} by {}", id, letter.messageId(), letter.originalQueue(), by);
            return letters.find(id).orElseThrow();
        });
    }

    public DeadLetter discard(long id, String by, String reason) {
        return transactions.execute(status -> {
            actionable(id);
            letters.discarded(id, by, reason);
            log.info("Dead letter {} discarded by {}", id, by);
            return letters.find(id).orElseThrow();
        });
    }

    /** Retries every dead letter of a queue still dead, each on its own; how many went and how many did not. */
    public Map<String, Integer> retryAll(String queue, String by) {
        int retried = 0;
        int failed = 0;
        for (long id : letters.deadIds(queue)) {
            try {
                retry(id, by);
                retried++;
            } catch (AlreadyHandledException concurrently) {
                // retried or discarded meanwhile by someone else
            } catch (RuntimeException e) {
                failed++;
            }
        }
        Map<String, Integer> outcome = new LinkedHashMap<>();
        outcome.put("retried", retried);
        outcome.put("failed", failed);
        return outcome;
    }

    private DeadLetters.Stored actionable(long id) {
        DeadLetters.Stored stored = letters.lock(id).orElseThrow(() -> new UnknownDeadLetterException(id));
        if (!DeadLetter.DEAD.equals(stored.letter().status())) {
            throw new AlreadyHandledException("Dead letter " + id + " was already " + stored.letter().status()
                    + (stored.letter().actedBy() == null ? "" : " by " + stored.letter().actedBy()));
        }
        return stored;
    }

    private void publish(DeadLetters.Stored stored) {
        DeadLetter letter = stored.letter();
        MessageProperties properties = new MessageProperties();
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setContentType(letter.contentType());
        properties.setContentEncoding(stored.contentEncoding());
        properties.setType(letter.messageType());
        if (stored.hasMessageId()) {
            properties.setMessageId(letter.messageId());
        }
        letter.headers().forEach((name, value) -> {
            if (!deathHeader(name) && (value instanceof String || value instanceof Number || value instanceof Boolean)) {
                properties.setHeader(name, value);
            }
        });
        Message outgoing = new Message(stored.body(), properties);
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        try {
            rabbit.send("", letter.originalQueue(), outgoing, correlation);
            CorrelationData.Confirm confirm = correlation.getFuture()
                    .get(settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!confirm.ack()) {
                throw new PublishFailedException("RabbitMQ refused the message: " + confirm.reason());
            }
            if (correlation.getReturned() != null) {
                throw new PublishFailedException("No queue named " + letter.originalQueue() + " exists now");
            }
        } catch (AmqpException e) {
            throw new PublishFailedException("RabbitMQ cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("Interrupted while waiting for RabbitMQ's confirm");
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException("RabbitMQ did not confirm the message within " + settings.confirmTimeout());
        }
    }

    /** No dead letter with that id. */
    public static class UnknownDeadLetterException extends RuntimeException {
        public UnknownDeadLetterException(long id) {
            super("No dead letter " + id);
        }
    }

    /** Retried or discarded already. */
    public static class AlreadyHandledException extends RuntimeException {
        public AlreadyHandledException(String message) {
            super(message);
        }
    }

    /** Cannot be retried: it does not say where it came from. */
    public static class NotRetryableException extends RuntimeException {
        public NotRetryableException(String message) {
            super(message);
        }
    }

    /** The broker did not take the retried message; it stays dead. */
    public static class PublishFailedException extends RuntimeException {
        public PublishFailedException(String message) {
            super(message);
        }
    }
}
