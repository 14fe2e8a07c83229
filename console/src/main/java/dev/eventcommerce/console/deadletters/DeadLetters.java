package dev.eventcommerce.console.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The dead letters in console_db. */
@Repository
public class DeadLetters {

    private static final String COLUMNS = "id, queue, message_id, has_message_id, dead_lettered_at, received_at, "
            + "original_queue, original_exchange, original_routing_key, reason, content_type, content_encoding, "
            + "message_type, headers::text AS headers, body, status, acted_at, acted_by, discard_reason";

    /** A message as drained, before it has a row. */
    public record Incoming(String queue, String messageId, boolean hasMessageId, Instant deadLetteredAt,
                           String originalQueue, String originalExchange, String originalRoutingKey, String reason,
                           String contentType, String contentEncoding, String messageType,
                           Map<String, Object> headers, byte[] body) {
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

    /** A queue's newest dead letters first, at most {@code limit}. */
    public List<DeadLetter> newest(String queue, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dead_letter WHERE queue = ? ORDER BY id DESC LIMIT ?")
                .params(queue, limit)
                .query((rs, row) -> stored(rs).letter())
                .list();
    }

    /** Per queue, its messages still dead (neither retried nor discarded). */
    public Map<String, Long> deadCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT queue, count(*) FROM dead_letter WHERE status = 'dead' GROUP BY queue")
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

    public List<Long> deadIds(String queue) {
        return jdbc.sql("SELECT id FROM dead_letter WHERE queue = ? AND status = 'dead' ORDER BY id")
                .param(queue).query(Long.class).list();
    }

    public void retried(long id, String by) {
        jdbc.sql("UPDATE dead_letter SET status = 'retried', acted_at = now(), acted_by = ? WHERE id = ?")
                .params(by, id).update();
    }

    public void discarded(long id, String by, String reason) {
        jdbc.sql("UPDATE dead_letter SET status = 'discarded', acted_at = now(), acted_by = ?, discard_reason = ? "
                        + "WHERE id = ?")
                .params(by, reason, id).update();
    }

    private Stored stored(ResultSet rs) throws SQLException {
        byte[] body = rs.getBytes("body");
        DeadLetter letter = new DeadLetter(rs.getLong("id"), rs.getString("queue"), rs.getString("message_id"),
                instant(rs, "dead_lettered_at"), instant(rs, "received_at"), rs.getString("original_queue"),
                rs.getString("original_exchange"), rs.getString("original_routing_key"), rs.getString("reason"),
                rs.getString("content_type"), rs.getString("message_type"),
                json.readValue(rs.getString("headers"), new TypeReference<Map<String, Object>>() { }),
                text(body), rs.getString("status"), instant(rs, "acted_at"), rs.getString("acted_by"),
                rs.getString("discard_reason"));
        return new Stored(letter, rs.getBoolean("has_message_id"), rs.getString("content_encoding"), body);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** The body as text when it is UTF-8, else its bytes in base64 behind "base64:". */
    static String text(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notText) {
            return "base64:" + Base64.getEncoder().encodeToString(body);
        }
    }
}
