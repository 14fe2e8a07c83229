package dev.eventcommerce.console.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead letters in console_db. A row left {@value DeadLetter#RETRYING} longer than {@link #RETRY_ABANDONED_AFTER}
 * (far beyond RabbitMQ's connect and confirm timeouts) was left by a console that stopped during the retry: the
 * message may or may not have been published, so it is read as {@value DeadLetter#UNCONFIRMED}.
 */
@Repository
public class DeadLetters {

    /** A list shows this much of each body; the whole one is read by its id. */
    public static final int PREVIEW_BYTES = 2048;
    static final Duration RETRY_ABANDONED_AFTER = Duration.ofMinutes(5);

    private static final String META = "id, queue, message_id, has_message_id, dead_lettered_at, received_at, "
            + "original_queue, original_exchange, original_routing_key, reason, content_type, content_encoding, "
            + "message_type, headers::text AS headers, octet_length(body) AS body_size, status, acted_at, acted_by, "
            + "discard_reason, retry_detail";
    private static final String COLUMNS = META + ", body";
    // 3 bytes more than shown: a UTF-8 character cut by the preview's end is left out rather than taken for binary
    private static final String PREVIEW_COLUMNS = META + ", substring(body FROM 1 FOR " + (PREVIEW_BYTES + 3) + ") AS body";

    /** A message as drained, before it has a row. */
    public record Incoming(String queue, String messageId, boolean hasMessageId, Instant deadLetteredAt,
                           String originalQueue, String originalExchange, String originalRoutingKey, String reason,
                           String contentType, String contentEncoding, String messageType,
                           Map<String, Object> headers, byte[] body) {

        /** The same without NUL characters in its text, which PostgreSQL's text and jsonb refuse (the body is bytes). */
        Incoming withoutNulCharacters() {
            return new Incoming(clean(queue), clean(messageId), hasMessageId, deadLetteredAt, clean(originalQueue),
                    clean(originalExchange), clean(originalRoutingKey), clean(reason), clean(contentType),
                    clean(contentEncoding), clean(messageType), cleanMap(headers), body);
        }

        private static String clean(String text) {
            return text == null ? null : text.replace("\0", "");
        }

        private static Map<String, Object> cleanMap(Map<?, ?> map) {
            Map<String, Object> cleaned = new LinkedHashMap<>();
            map.forEach((key, value) -> cleaned.put(clean(String.valueOf(key)), cleanValue(value)));
            return cleaned;
        }

        private static Object cleanValue(Object value) {
            if (value instanceof String text) {
                return clean(text);
            }
            if (value instanceof Map<?, ?> map) {
                return cleanMap(map);
            }
            if (value instanceof List<?> list) {
                return list.stream().map(Incoming::cleanValue).toList();
            }
            return value;
        }
    }

    /** A stored row with what a retry needs to publish the message again. */
    public record Stored(DeadLetter letter, boolean hasMessageId, String contentEncoding, byte[] body) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public DeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the message unless it is there already; whether it was new. */
    public boolean store(Incoming message) {
        return jdbc.sql("INSERT INTO dead_letter (queue, message_id, has_message_id, dead_lettered_at, original_queue, "
                        + "original_exchange, original_routing_key, reason, content_type, content_encoding, message_type, "
                        + "headers, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) "
                        + "ON CONFLICT ON CONSTRAINT dead_letter_once DO NOTHING")
                .params(message.queue(), message.messageId(), message.hasMessageId(),
                        message.deadLetteredAt() == null ? null : Timestamp.from(message.deadLetteredAt()),
                        message.originalQueue(), message.originalExchange(), message.originalRoutingKey(),
                        message.reason(), message.contentType(), message.contentEncoding(), message.messageType(),
                        json.writeValueAsString(message.headers()), message.body())
                .update() == 1;
    }

    /** A queue's newest dead letters first, at most {@code limit}, their bodies cut to {@value #PREVIEW_BYTES} bytes. */
    public List<DeadLetter> newest(String queue, int limit) {
        return jdbc.sql("SELECT " + PREVIEW_COLUMNS + " FROM dead_letter WHERE queue = ? ORDER BY id DESC LIMIT ?")
                .params(queue, limit)
                .query((rs, row) -> stored(rs).letter())
                .list();
    }

    /** Per queue, its messages still dead (neither retried nor discarded: dead, retrying or unconfirmed). */
    public Map<String, Long> deadCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT queue, count(*) FROM dead_letter WHERE status IN ('dead', 'retrying', 'unconfirmed') "
                        + "GROUP BY queue")
                .query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2)))
                .list();
        return counts;
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?").param(id)
                .query((rs, row) -> stored(rs).letter()).optional();
    }

    /** The row, locked until the caller's transaction ends: one operator's action at a time. */
    public Optional<Stored> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dead_letter WHERE id = ? FOR UPDATE").param(id)
                .query((rs, row) -> stored(rs)).optional();
    }

    /** The oldest {@code limit} ids of a queue's messages in status dead. */
    public List<Long> deadIds(String queue, int limit) {
        return jdbc.sql("SELECT id FROM dead_letter WHERE queue = ? AND status = 'dead' ORDER BY id LIMIT ?")
                .params(queue, limit).query(Long.class).list();
    }

    public long deadCount(String queue) {
        return jdbc.sql("SELECT count(*) FROM dead_letter WHERE queue = ? AND status = 'dead'")
                .param(queue).query(Long.class).single();
    }

    /** Marks a locked row retrying, by whom from now; the time that marks this retry ({@link #retryEnded}). */
    public Instant retrying(long id, String by) {
        return jdbc.sql("UPDATE dead_letter SET status = 'retrying', acted_at = now(), acted_by = ?, "
                        + "discard_reason = NULL WHERE id = ? RETURNING acted_at")
                .params(by, id).query(Timestamp.class).single().toInstant();
    }

    /**
     * Ends the retry that began at {@code since}: retried, dead again or unconfirmed, with why not retried. A retry
     * taken for abandoned and started again meanwhile has another start, and is left to end by itself.
     */
    public void retryEnded(long id, Instant since, String status, String detail) {
        jdbc.sql("UPDATE dead_letter SET status = ?, retry_detail = ?, "
                        + "acted_at = CASE WHEN ? = 'dead' THEN NULL ELSE now() END, "
                        + "acted_by = CASE WHEN ? = 'dead' THEN NULL ELSE acted_by END "
                        + "WHERE id = ? AND status = 'retrying' AND acted_at = ?")
                .params(status, detail, status, status, id, Timestamp.from(since)).update();
    }

    public void discarded(long id, String by, String reason) {
        jdbc.sql("UPDATE dead_letter SET status = 'discarded', acted_at = now(), acted_by = ?, discard_reason = ? "
                        + "WHERE id = ?")
                .params(by, reason, id).update();
    }

    private Stored stored(ResultSet rs) throws SQLException {
        byte[] body = rs.getBytes("body");
        long size = rs.getLong("body_size");
        boolean truncated = body.length < size;
        String status = rs.getString("status");
        Instant actedAt = instant(rs, "acted_at");
        String retryDetail = rs.getString("retry_detail");
        if (DeadLetter.RETRYING.equals(status) && actedAt.isBefore(Instant.now().minus(RETRY_ABANDONED_AFTER))) {
            status = DeadLetter.UNCONFIRMED;
            retryDetail = "Its retry began at " + actedAt + " and never ended (the console stopped?): it may have "
                    + "been delivered; check before retrying";
        }
        DeadLetter letter = new DeadLetter(rs.getLong("id"), rs.getString("queue"), rs.getString("message_id"),
                instant(rs, "dead_lettered_at"), instant(rs, "received_at"), rs.getString("original_queue"),
                rs.getString("original_exchange"), rs.getString("original_routing_key"), rs.getString("reason"),
                rs.getString("content_type"), rs.getString("message_type"),
                json.readValue(rs.getString("headers"), new TypeReference<Map<String, Object>>() { }),
                truncated ? preview(body) : text(body), size, truncated, status, actedAt, rs.getString("acted_by"),
                rs.getString("discard_reason"), retryDetail);
        return new Stored(letter, rs.getBoolean("has_message_id"), rs.getString("content_encoding"), body);
    }

    /** A body's first {@value #PREVIEW_BYTES} bytes, as text without a character cut in two when it is UTF-8. */
    static String preview(byte[] body) {
        int end = Math.min(body.length, PREVIEW_BYTES);
        // back off from the middle of a character: its continuation bytes are 10xxxxxx
        int cut = end;
        while (cut > 0 && end - cut < 3 && cut < body.length && (body[cut] & 0xC0) == 0x80) {
            cut--;
        }
        String text = utf8(Arrays.copyOf(body, cut));
        return text != null ? text : "base64:" + Base64.getEncoder().encodeToString(Arrays.copyOf(body, end));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** The body as text when it is UTF-8, else its bytes in base64 behind "base64:". */
    static String text(byte[] body) {
        String text = utf8(body);
        return text != null ? text : "base64:" + Base64.getEncoder().encodeToString(body);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }
}
