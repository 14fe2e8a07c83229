package dev.eventcommerce.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresEventStorageEngine#getTrackedEventData} rewrites Axon's, to parse a timestamp once: what it
 * returns for a row (the event's fields, and the token with its gaps) must stay what Axon's own returns, row
 * after row, with gaps kept for young events and dropped for old ones.
 */
class PostgresEventStorageEngineTrackingTest {

    private final PostgresEventStorageEngine ours = new PostgresEventStorageEngine(builder());
    private final AxonsEngine axons = new AxonsEngine(builder()
            .lowestGlobalSequence(PostgresEventStorageEngine.LOWEST_GLOBAL_SEQUENCE)
            .maxGapOffset(PostgresEventStorageEngine.MAX_GAP_OFFSET)
            .gapTimeout(PostgresEventStorageEngine.GAP_TIMEOUT_MILLIS));

    @Test
    void tracksRowsAsAxonDoes() throws SQLException {
        Instant young = Instant.now().minusSeconds(1);
        Instant old = Instant.now().minus(1, ChronoUnit.DAYS);
        GapAwareTrackingToken oursToken = null;
        GapAwareTrackingToken axonsToken = null;
        long[] indexes = {5, 6, 9, 12, 20_000, 20_003, 20_010};
        Instant[] times = {young, young, young, old, young, old, young};
        for (int i = 0; i < indexes.length; i++) {
            ResultSet row = row(indexes[i], i % 3 == 0 ? "event-" + i : "order-" + i, "event-" + i, times[i]);
            TrackedEventData<?> fromOurs = ours.getTrackedEventData(row, oursToken);
            TrackedEventData<?> fromAxons = axons.read(row, axonsToken);

            assertThat(fromOurs.trackingToken()).as("token after " + indexes[i]).isEqualTo(fromAxons.trackingToken());
            assertThat(fromOurs.getTimestamp()).isEqualTo(fromAxons.getTimestamp());
            assertThat(fromOurs.getEventIdentifier()).isEqualTo(fromAxons.getEventIdentifier());
            assertThat(fromOurs.getPayload().getType()).isEqualTo(fromAxons.getPayload().getType());
            assertThat(fromOurs.getPayload().getData()).isEqualTo(fromAxons.getPayload().getData());
            assertThat(fromOurs.getMetaData().getData()).isEqualTo(fromAxons.getMetaData().getData());
            DomainEventData<?> oursEvent = (DomainEventData<?>) fromOurs;
            DomainEventData<?> axonsEvent = (DomainEventData<?>) fromAxons;
            assertThat(oursEvent.getAggregateIdentifier()).isEqualTo(axonsEvent.getAggregateIdentifier());
            assertThat(oursEvent.getSequenceNumber()).isEqualTo(axonsEvent.getSequenceNumber());
            assertThat(oursEvent.getType()).isEqualTo(axonsEvent.getType());
            oursToken = (GapAwareTrackingToken) fromOurs.trackingToken();
            axonsToken = (GapAwareTrackingToken) fromAxons.trackingToken();
        }
        assertThat(oursToken.getGaps()).as("young gaps kept, old ones dropped").isNotEmpty();
    }

    private static ResultSet row(long globalIndex, String aggregateIdentifier, String eventIdentifier, Instant at)
            throws SQLException {
        ResultSet row = mock(ResultSet.class);
        when(row.getLong("globalIndex")).thenReturn(globalIndex);
        when(row.getString("aggregateIdentifier")).thenReturn(aggregateIdentifier);
        when(row.getString("eventIdentifier")).thenReturn(eventIdentifier);
        when(row.getString("type")).thenReturn("Order");
        when(row.getLong("sequenceNumber")).thenReturn(globalIndex % 7);
        when(row.getString("timeStamp")).thenReturn(DateTimeUtils.formatInstant(at));
        when(row.getString("payloadType")).thenReturn("dev.eventcommerce.ordering.api.OrderPlaced");
        when(row.getString("payloadRevision")).thenReturn(null);
        when(row.getBytes("payload")).thenReturn(("{\"orderId\":" + globalIndex + "}").getBytes());
        when(row.getBytes("metaData")).thenReturn("{}".getBytes());
        return row;
    }

    private static JdbcEventStorageEngine.Builder builder() {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(() -> {
                    throw new SQLException("no database in this test");
                })
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(AxonPostgresAutoConfiguration.serializerSettings().build())
                .snapshotSerializer(AxonPostgresAutoConfiguration.serializerSettings().build());
    }

    /** Axon's engine, unchanged, with its row reading in reach of the test. */
    private static final class AxonsEngine extends JdbcEventStorageEngine {

        AxonsEngine(Builder builder) {
            super(builder);
        }

        TrackedEventData<?> read(ResultSet row, GapAwareTrackingToken previous) throws SQLException {
            return getTrackedEventData(row, previous);
        }
    }
}
