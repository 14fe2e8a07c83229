package dev.eventcommerce.console.deadletters;

import java.time.Instant;
import java.util.Map;

/**
 * A message the console drained from a dead-letter queue, as it shows it.
 *
 * @param id              the console's row id
 * @param queue           the dead-letter queue it came from
 * @param messageId       its AMQP message id, or {@code sha256:} and its body's hash when it had none (a retry sends
 *                        it with this id either way: the consumers de-duplicate on it)
 * @param deadLetteredAt  when it was dead-lettered (its header, else RabbitMQ's {@code x-death}), if known
 * @param originalQueue   the queue it was rejected from, where a retry sends it
 * @param reason          why: the consumer's exception message, else RabbitMQ's reason ({@code rejected}, ...)
 * @param headers         its AMQP headers
 * @param body            its body, as text (UTF-8), or {@code base64:} and the bytes when not text; in a list, only
 *                        its first {@value DeadLetters#PREVIEW_BYTES} bytes ({@code bodyTruncated})
 * @param bodySize        the whole body's size in bytes
 * @param bodyTruncated   whether {@code body} is only the body's beginning
 * @param status          {@value #DEAD}, {@value #RETRYING}, {@value #RETRIED}, {@value #UNCONFIRMED} or
 *                        {@value #DISCARDED}
 * @param actedAt         when it was retried or discarded (for {@value #RETRYING}: since when)
 * @param actedBy         who retried or discarded it
 * @param discardReason   why it was discarded
 * @param retryDetail     why its last retry did not end retried (a dead letter's failed retry, an unconfirmed one)
 */
public record DeadLetter(long id, String queue, String messageId, Instant deadLetteredAt, Instant receivedAt,
                         String originalQueue, String originalExchange, String originalRoutingKey, String reason,
                         String contentType, String messageType, Map<String, Object> headers, String body,
                         long bodySize, boolean bodyTruncated, String status, Instant actedAt, String actedBy,
                         String discardReason, String retryDetail) {

    /** Not handled yet: retry or discard it. */
    public static final String DEAD = "dead";
    /** Being published back to its queue (a crash may leave it so: after a while it counts as unconfirmed). */
    public static final String RETRYING = "retrying";
    /** Published back to its queue, and confirmed by RabbitMQ: never retried again. */
    public static final String RETRIED = "retried";
    /** Published, but RabbitMQ did not confirm it in time: it may have been delivered; retried only explicitly. */
    public static final String UNCONFIRMED = "unconfirmed";
    public static final String DISCARDED = "discarded";
}
