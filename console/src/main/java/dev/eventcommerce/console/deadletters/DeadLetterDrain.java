package dev.eventcommerce.console.deadletters;

import dev.eventcommerce.console.ConsoleProperties;
import dev.eventcommerce.platform.messaging.TransientFailures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistrar;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

import static dev.eventcommerce.platform.messaging.DeadLetterPublisher.DEAD_LETTERED_AT;
import static dev.eventcommerce.platform.messaging.DeadLetterPublisher.EXCEPTION_MESSAGE;
import static dev.eventcommerce.platform.messaging.DeadLetterPublisher.ORIGINAL_EXCHANGE;
import static dev.eventcommerce.platform.messaging.DeadLetterPublisher.ORIGINAL_QUEUE;
import static dev.eventcommerce.platform.messaging.DeadLetterPublisher.ORIGINAL_ROUTING_KEY;

/**
 * Drains every dead-letter queue into console_db, so that dead letters can be read, counted, retried and discarded
 * without holding them in RabbitMQ. A message is acknowledged only once its row is committed (a listener that
 * returns has its message acknowledged; one that throws has it requeued), and stored once however often it is
 * delivered: its row is keyed by queue, message id and dead-lettering time. What the platform's consumers add when
 * they dead-letter a message ({@code x-exception-message}, {@code x-original-queue}, ..., {@code x-dead-lettered-at})
 * is used first, RabbitMQ's own {@code x-death} otherwise.
 * <p>
 * Only an unavailable database puts a message back in its queue. A message PostgreSQL will never take as it is (a
 * NUL character in its id, reason or a header, which text and jsonb refuse) is stored without its NUL characters,
 * and one that cannot be stored even so is acknowledged and logged: kept in the queue it would block every dead
 * letter behind it.
 */
@Component
public class DeadLetterDrain implements RabbitListenerConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDrain.class);

    private final ConsoleProperties properties;
    private final DeadLetters letters;

    public DeadLetterDrain(ConsoleProperties properties, DeadLetters letters) {
        this.properties = properties;
        this.letters = letters;
    }

    @Override
    public void configureRabbitListeners(RabbitListenerEndpointRegistrar registrar) {
        // a container per queue: a queue no service has declared yet keeps only its own consumer waiting
        log.info("Draining the dead-letter queues {}", properties.deadLetterQueues());
        for (String queue : properties.deadLetterQueues()) {
            SimpleRabbitListenerEndpoint endpoint = new SimpleRabbitListenerEndpoint();
            endpoint.setId("dead-letters:" + queue);
            endpoint.setQueueNames(queue);
            endpoint.setMessageListener(message -> receive(queue, message));
            registrar.registerEndpoint(endpoint);
        }
    }

    void receive(String queue, Message message) {
        DeadLetters.Incoming incoming = incoming(queue, message);
        try {
            store(incoming);
        } catch (RuntimeException asItIs) {
            requeueIfDatabaseUnavailable(queue, asItIs);
            DeadLetters.Incoming cleaned = incoming.withoutNulCharacters();
            log.warn("Dead letter {} from {} not stored as it is ({}); storing it without NUL characters",
                    cleaned.messageId(), queue, failure(asItIs));
            try {
                store(cleaned);
            } catch (RuntimeException evenCleaned) {
                requeueIfDatabaseUnavailable(queue, evenCleaned);
                // acknowledged: kept in the queue it would block the ones behind it forever
                log.error("Dead letter {} from {} ({} bytes) cannot be stored and is dropped: {}", cleaned.messageId(),
                        queue, message.getBody().length, failure(evenCleaned));
            }
        }
    }

    private void store(DeadLetters.Incoming incoming) {
        if (letters.store(incoming)) {
            log.info("Dead letter {} from {} stored", incoming.messageId(), incoming.queue());
        }
    }

    /** The failure's kind, without its message: PostgreSQL's may quote the headers it refused. */
    private static String failure(RuntimeException e) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        return cause.getClass().getName()
                + (cause instanceof SQLException sql && sql.getSQLState() != null ? " (SQL state " + sql.getSQLState() + ")" : "");
    }

    /** Back to the queue while the database is down: a pause keeps the redeliveries from spinning. */
    private static void requeueIfDatabaseUnavailable(String queue, RuntimeException failure) {
        if (TransientFailures.isDatabaseUnavailable(failure)) {
            log.warn("Dead letter from {} not stored ({}); it stays in the queue", queue, failure.toString());
            pause();
            throw failure;
        }
    }

    static DeadLetters.Incoming incoming(String queue, Message message) {
        MessageProperties properties = message.getMessageProperties();
        Map<String, Object> headers = properties.getHeaders();
        Map<String, ?> death = lastDeath(properties);
        String messageId = properties.getMessageId();
        String originalQueue = text(headers.get(ORIGINAL_QUEUE));
        if (originalQueue == null) {
            originalQueue = death == null ? null : text(death.get("queue"));
        }
        if (originalQueue == null && queue.endsWith(".dlq")) {
            originalQueue = queue.substring(0, queue.length() - ".dlq".length());
        }
        String originalExchange = text(headers.get(ORIGINAL_EXCHANGE));
        if (originalExchange == null && death != null) {
            originalExchange = text(death.get("exchange"));
        }
        String routingKey = text(headers.get(ORIGINAL_ROUTING_KEY));
        if (routingKey == null && death != null && death.get("routing-keys") instanceof List<?> keys && !keys.isEmpty()) {
            routingKey = text(keys.get(0));
        }
        String reason = text(headers.get(EXCEPTION_MESSAGE));
        if (reason == null && death != null) {
            reason = text(death.get("reason"));
        }
        return new DeadLetters.Incoming(queue, messageId != null ? messageId : "sha256:" + sha256(message.getBody()),
                messageId != null, deadLetteredAt(headers.get(DEAD_LETTERED_AT), death), originalQueue,
                originalExchange, routingKey, reason, properties.getContentType(), properties.getContentEncoding(),
                properties.getType(), jsonSafe(headers), message.getBody());
    }

    /** RabbitMQ's newest death record (the first of {@code x-death}), if any. */
    private static Map<String, ?> lastDeath(MessageProperties properties) {
        List<Map<String, ?>> deaths = properties.getXDeathHeader();
        if (deaths == null && properties.getHeaders().get("x-death") instanceof List<?> raw && !raw.isEmpty()
                && raw.get(0) instanceof Map<?, ?> first) {
            @SuppressWarnings("unchecked")
            Map<String, ?> death = (Map<String, ?>) first;
            return death;
        }
        return deaths == null || deaths.isEmpty() ? null : deaths.get(0);
    }

    private static Instant deadLetteredAt(Object header, Map<String, ?> death) {
        if (header instanceof Number epochMillis) {
            return Instant.ofEpochMilli(epochMillis.longValue());
        }
        String text = text(header);
        if (text != null && text.matches("\\d{1,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        if (death != null && death.get("time") instanceof Date time) {
            return time.toInstant();
        }
        return null;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
        return text.isBlank() ? null : text;
    }

    /** The headers as JSON can hold them: dates as ISO text, byte strings as text, nested lists and tables kept. */
    static Map<String, Object> jsonSafe(Map<String, ?> headers) {
        Map<String, Object> safe = new LinkedHashMap<>();
        headers.forEach((name, value) -> safe.put(name, jsonValue(value)));
        return safe;
    }

    private static Object jsonValue(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> nested = new LinkedHashMap<>();
            map.forEach((key, nestedValue) -> nested.put(String.valueOf(key), jsonValue(nestedValue)));
            return nested;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DeadLetterDrain::jsonValue).toList();
        }
        return text(value);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
