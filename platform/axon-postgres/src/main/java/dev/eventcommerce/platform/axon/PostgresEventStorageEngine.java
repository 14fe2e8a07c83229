package dev.eventcommerce.platform.axon;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine, with one change on the read path of streaming processors: an event's
 * timestamp is parsed once, with a fast path for the ISO-8601 UTC form Axon writes
 * ({@code 2026-11-25T06:01:02.345Z}). Axon's own entry re-parses the text with a
 * {@code DateTimeFormatter} every time it is asked (twice per event on this path), which was a fifth of
 * a replay's CPU. The token and gap bookkeeping is Axon's, unchanged; its settings are fixed here so that
 * this class and the engine agree on them.
 */
public class PostgresEventStorageEngine extends JdbcEventStorageEngine {

    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int MAX_GAP_OFFSET = 10_000;
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    public PostgresEventStorageEngine(Builder builder) {
        super(builder.lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .maxGapOffset(MAX_GAP_OFFSET)
                .gapTimeout(GAP_TIMEOUT_MILLIS));
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        Entry<?> event = new Entry<>(resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                readTimeStamp(resultSet, schema.timestampColumn()),
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
        // as JdbcEventStorageEngine: gaps are only kept for events younger than the gap timeout
        boolean allowGaps = event.getTimestamp()
                .isAfter(GenericEventMessage.clock.instant().minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            token = GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                    ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence).boxed()
                            .collect(Collectors.toCollection(TreeSet::new))
                    : Collections.emptySortedSet());
        } else {
            token = previousToken.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
        }
        return new TrackedDomainEventData<>(token, event);
    }

    /** A stored event whose timestamp is parsed once. */
    private static final class Entry<T> extends GenericDomainEventEntry<T> {

        private final Instant timestamp;

        Entry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
              Object timestamp, String payloadType, String payloadRevision, T payload, T metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType,
                    payloadRevision, payload, metaData);
            this.timestamp = timestamp instanceof CharSequence text ? parseTimestamp(text) : super.getTimestamp();
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} without a formatter; anything else (other offsets, leap
     * seconds, years beyond four digits) through {@link DateTimeUtils#parseInstant}, the same result.
     */
    static Instant parseTimestamp(CharSequence text) {
        int length = text.length();
        if (length >= 20 && text.charAt(length - 1) == 'Z' && text.charAt(4) == '-' && text.charAt(7) == '-'
                && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int nanos = 0;
            boolean valid = year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0
                    && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60;
            if (valid && length > 20) {
                int fractionDigits = length - 21;
                valid = text.charAt(19) == '.' && fractionDigits >= 1 && fractionDigits <= 9;
                if (valid) {
                    nanos = digits(text, 20, fractionDigits);
                    valid = nanos >= 0;
                    for (int i = fractionDigits; i < 9; i++) {
                        nanos *= 10;
                    }
                }
            }
            if (valid && day <= LocalDate.of(year, month, 1).lengthOfMonth()) {
                long epochDay = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
            }
        }
        return DateTimeUtils.parseInstant(text);
    }

    /** The non-negative number of {@code count} decimal digits at {@code start}, or -1. */
    private static int digits(CharSequence text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
