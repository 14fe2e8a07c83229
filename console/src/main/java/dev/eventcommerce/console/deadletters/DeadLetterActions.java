package dev.eventcommerce.console.deadletters;

import dev.eventcommerce.console.ConsoleProperties;
import dev.eventcommerce.platform.messaging.DeadLetterPublisher;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator does with a dead letter: retry it (published back to the queue it was rejected from, by the
 * default exchange, with its message id, the stored {@code sha256:} one when it had none, so that the consumers can
 * de-duplicate it) or discard it, with who, when and why.
 * <p>
 * A retry holds no database connection while it waits for RabbitMQ: a short transaction locks the row and marks it
 * {@value DeadLetter#RETRYING} (a concurrent retry or discard then finds it taken: {@link AlreadyHandledException}),
 * the message is published outside any transaction, and a second one marks it {@value DeadLetter#RETRIED} once the
 * broker confirmed it routed, back to {@value DeadLetter#DEAD} (with why) when the broker did not take it, or
 * {@value DeadLetter#UNCONFIRMED} when no confirm came in time: a late confirm may mean it was delivered, so a plain
 * retry of it is refused ({@link MayHaveBeenDeliveredException}) and only an explicit one ({@code unconfirmed})
 * publishes it again. A retried letter is never retried again.
 */
@Service
public class DeadLetterActions {

    /** Retry all sends at most this many per call: the request waits for each confirm. */
    public static final int RETRY_ALL_LIMIT = 500;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterActions.class);

    private static final Set<String> PLATFORM_DEATH_HEADERS = Set.of(DeadLetterPublisher.EXCEPTION_MESSAGE,
            DeadLetterPublisher.EXCEPTION_TYPE, DeadLetterPublisher.ORIGINAL_QUEUE,
            DeadLetterPublisher.ORIGINAL_EXCHANGE, DeadLetterPublisher.ORIGINAL_ROUTING_KEY,
            DeadLetterPublisher.DEAD_LETTERED_AT);

    /** RabbitMQ's and the platform's dead-lettering headers: a retried message is dead-lettered afresh if it fails again. */
    static boolean deathHeader(String name) {
        return name.equals("x-death") || name.startsWith("x-first-death-") || name.startsWith("x-last-death-")
                || PLATFORM_DEATH_HEADERS.contains(name);
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

    /**
     * Publishes a dead letter back to its queue, once.
     *
     * @param unconfirmed whether the operator retries one that may have been delivered already (its last retry was
     *                    not confirmed), having checked it was not; a dead one is retried either way
     */
    public DeadLetter retry(long id, String by, boolean unconfirmed) {
        Taken taken = transactions.execute(status -> {
            DeadLetters.Stored stored = letters.lock(id).orElseThrow(() -> new UnknownDeadLetterException(id));
            DeadLetter letter = stored.letter();
            if (DeadLetter.UNCONFIRMED.equals(letter.status()) && !unconfirmed) {
                throw new MayHaveBeenDeliveredException("Dead letter " + id + "'s last retry was not confirmed ("
                        + letter.retryDetail() + "); once you checked it was not delivered, retry it as unconfirmed");
            }
            if (!DeadLetter.DEAD.equals(letter.status()) && !DeadLetter.UNCONFIRMED.equals(letter.status())) {
                throw handled(letter);
            }
            if (letter.originalQueue() == null) {
                throw new NotRetryableException("Dead letter " + id + " does not say which queue it came from");
            }
            return new Taken(stored, letters.retrying(id, by));
        });
        DeadLetter letter = taken.stored().letter();
        try {
            publish(taken.stored());
        } catch (PublishUnconfirmedException e) {
            end(id, taken.since(), DeadLetter.UNCONFIRMED, e.getMessage());
            log.warn("Dead letter {} (message {}) retried to {} by {}: not confirmed, it may have been delivered",
                    id, letter.messageId(), letter.originalQueue(), by);
            throw e;
        } catch (RuntimeException e) {
            end(id, taken.since(), DeadLetter.DEAD, "Retry by " + by + " at " + Instant.now() + " failed: "
                    + e.getMessage());
            log.warn("Dead letter {} (message {}) not retried to {} by {}: {}", id, letter.messageId(),
                    letter.originalQueue(), by, e.getMessage());
            throw e;
        }
        end(id, taken.since(), DeadLetter.RETRIED, null);
        log.info("Dead letter {} (message {}) retried to {} by {}", id, letter.messageId(), letter.originalQueue(), by);
        return letters.find(id).orElseThrow();
    }

    private record Taken(DeadLetters.Stored stored, Instant since) {
    }

    private void end(long id, Instant since, String status, String detail) {
        transactions.executeWithoutResult(transaction -> letters.retryEnded(id, since, status, detail));
    }

    /** Discards a dead one, or an unconfirmed one the operator found delivered. */
    public DeadLetter discard(long id, String by, String reason) {
        return transactions.execute(status -> {
            DeadLetter letter = letters.lock(id).orElseThrow(() -> new UnknownDeadLetterException(id)).letter();
            if (!DeadLetter.DEAD.equals(letter.status()) && !DeadLetter.UNCONFIRMED.equals(letter.status())) {
                throw handled(letter);
            }
            letters.discarded(id, by, reason);
            log.info("Dead letter {} discarded by {}", id, by);
            return letters.find(id).orElseThrow();
        });
    }

    private static AlreadyHandledException handled(DeadLetter letter) {
        boolean retrying = DeadLetter.RETRYING.equals(letter.status());
        return new AlreadyHandledException("Dead letter " + letter.id() + (retrying ? " is being retried" : " was already "
                + letter.status()) + (letter.actedBy() == null ? "" : " by " + letter.actedBy())
                + (retrying ? " since " + letter.actedAt() : ""));
    }

    /** What a retry-all did: how many went, failed and are left dead, and the first failure. */
    public record RetryAll(int retried, int failed, long left, boolean stopped, String firstFailure) {
    }

    /**
     * Retries the oldest {@value #RETRY_ALL_LIMIT} dead letters of a queue still dead, each on its own. Stops at the
     * first failure that the next ones would meet too (RabbitMQ unreachable or not confirming, the database down);
     * goes on past one of the letter itself (its queue gone, refused by the broker, no original queue).
     */
    public RetryAll retryAll(String queue, String by) {
        int retried = 0;
        int failed = 0;
        boolean stopped = false;
        String firstFailure = null;
        for (long id : letters.deadIds(queue, RETRY_ALL_LIMIT)) {
            try {
                retry(id, by, false);
                retried++;
            } catch (AlreadyHandledException | MayHaveBeenDeliveredException concurrently) {
                // retried or discarded meanwhile by someone else
            } catch (QueueGoneException | NotRetryableException | PublishRefusedException ofThisLetter) {
                failed++;
                log.warn("Retry all of {} by {}: dead letter {} not retried: {}", queue, by, id, ofThisLetter.getMessage());
                firstFailure = firstFailure == null ? ofThisLetter.getMessage() : firstFailure;
            } catch (RuntimeException e) {
                failed++;
                stopped = true;
                log.warn("Retry all of {} by {}: dead letter {} not retried, stopping: {}", queue, by, id, e.toString());
                firstFailure = firstFailure == null ? e.getMessage() : firstFailure;
                break;
            }
        }
        return new RetryAll(retried, failed, letters.deadCount(queue), stopped, firstFailure);
    }

    private void publish(DeadLetters.Stored stored) {
        DeadLetter letter = stored.letter();
        MessageProperties properties = new MessageProperties();
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setContentType(letter.contentType());
        properties.setContentEncoding(stored.contentEncoding());
        properties.setType(letter.messageType());
        // the stored id ("sha256:..." for a message that had none): without one the consumers cannot de-duplicate
        properties.setMessageId(letter.messageId());
        letter.headers().forEach((name, value) -> {
            if (!deathHeader(name) && (value instanceof String || value instanceof Number || value instanceof Boolean)) {
                properties.setHeader(name, value);
            }
        });
        Message outgoing = new Message(stored.body(), properties);
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        CorrelationData.Confirm confirm;
        try {
            rabbit.send("", letter.originalQueue(), outgoing, correlation);
            confirm = correlation.getFuture().get(settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (AmqpException e) {
            // the most specific cause says what happened ("Connection refused"); an I/O wrapper's message says nothing
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
            throw new PublishFailedException("RabbitMQ cannot be reached (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + "); try again later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishUnconfirmedException("Interrupted while waiting for RabbitMQ's confirm: it may have been "
                    + "delivered; check before retrying");
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishUnconfirmedException("RabbitMQ did not confirm the message within "
                    + settings.confirmTimeout() + ": it may have been delivered; check before retrying");
        }
        if (!confirm.ack()) {
            throw new PublishRefusedException("RabbitMQ refused the message: " + confirm.reason());
        }
        if (correlation.getReturned() != null) {
            throw new QueueGoneException("Its queue " + letter.originalQueue() + " no longer exists: discard it");
        }
    }

    /** No dead letter with that id. */
    public static class UnknownDeadLetterException extends RuntimeException {
        public UnknownDeadLetterException(long id) {
            super("No dead letter " + id);
        }
    }

    /** Being retried, retried or discarded already. */
    public static class AlreadyHandledException extends RuntimeException {
        public AlreadyHandledException(String message) {
            super(message);
        }
    }

    /** Its last retry was not confirmed: retried again only when the operator says so, having checked. */
    public static class MayHaveBeenDeliveredException extends RuntimeException {
        public MayHaveBeenDeliveredException(String message) {
            super(message);
        }
    }

    /** Cannot be retried: it does not say where it came from. */
    public static class NotRetryableException extends RuntimeException {
        public NotRetryableException(String message) {
            super(message);
        }
    }

    /** Its queue is gone: retrying will never succeed. It stays dead, to be discarded. */
    public static class QueueGoneException extends RuntimeException {
        public QueueGoneException(String message) {
            super(message);
        }
    }

    /** The broker did not take the retried message (unreachable): it stays dead, to be retried later. */
    public static class PublishFailedException extends RuntimeException {
        public PublishFailedException(String message) {
            super(message);
        }
    }

    /** The broker refused the retried message (a negative confirm): it stays dead. */
    public static class PublishRefusedException extends PublishFailedException {
        public PublishRefusedException(String message) {
            super(message);
        }
    }

    /** Published, but not confirmed in time: it may have been delivered, so it is {@value DeadLetter#UNCONFIRMED}. */
    public static class PublishUnconfirmedException extends RuntimeException {
        public PublishUnconfirmedException(String message) {
            super(message);
        }
    }
}
