package dev.eventcommerce.console.deadletters;

import java.time.Instant;
import java.util.Map;

/**
 * A message the console drained from a dead-letter queue, as it shows it.
 *
 * @param id              the console's row id
 * @param queue           the dead-letter queue it came from
 * @param messageId       its AMQP message id (a retry keeps it: the consumers de-duplicate on it)
 * @param deadLetteredAt  when it was dead-lettered (its header, else RabbitMQ's {@code x-death}), if known
 * @param originalQueue   the queue it was rejected from, where a retry sends it
 * @param reason          why: the consumer's exception message, else RabbitMQ's reason ({@code rejected}, ...)
 * @param headers         its AMQP headers
 * @param body            its body, as text (UTF-8), or {@code base64:} and the bytes when not text
 * @param status          dead, retried or discarded
 * @param actedBy         who retried or discarded it
 * @param discardReason   why it was discarded
 */
public record DeadLetter(long id, String queue, String messageId, Instant deadLetteredAt, Instant receivedAt,
                         String originalQueue, String originalExchange, String originalRoutingKey, String reason,
                         String contentType, String messageType, Map<String, Object> headers, String body,
                         String status, Instant actedAt, String actedBy, String discardReason) {

    public static final String DEAD = "dead";
    public static final String RETRIED = "retried";
    public static final String DISCARDED = "discarded";
}
