package dev.eventcommerce.platform.axon;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Read-your-writes at the API: after a command has committed, a controller waits here until a streaming
 * projection has passed the position of the aggregate's newest event, so that the next GET (from any
 * client, on any instance) sees the write. The wait is bounded; past the bound the write stands and
 * {@link ProjectionLagException} says so (the API answers 202), never a read that would miss it.
 *
 * <p>Which instance runs the projection does not matter: the segment that handles the aggregate (by the
 * processor's sequencing policy, per aggregate) is looked at where it runs, in this instance's processor if
 * it holds it, else through its token in the shared token table. Streaming processors advance every
 * segment's token over every event (handled or not), so a segment at or past the position has projected it.
 */
public class ProjectionBarrier {

    private static final Logger log = LoggerFactory.getLogger(ProjectionBarrier.class);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Configuration axonConfiguration;
    private final JdbcClient jdbcClient;
    private final Duration timeout;

    public ProjectionBarrier(Configuration axonConfiguration, JdbcClient jdbcClient, Duration timeout) {
        this.axonConfiguration = axonConfiguration;
        this.jdbcClient = jdbcClient;
        this.timeout = timeout;
    }

    /**
     * Waits until {@code processorName} has handled every event stored so far for {@code aggregateIdentifier}:
     * it returns once the write is readable, or throws what the API answers instead (202, where to read it).
     *
     * @param location the path the written resource is read at (the 202's {@code Location}), or null when the
     *                 caller has none to read (a registration, before its first login)
     * @throws ProjectionLagException if it has not within the timeout
     */
    public void awaitAggregate(String processorName, String aggregateIdentifier, String location) {
        Long newest = jdbcClient.sql("SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(aggregateIdentifier)
                .query(Long.class)
                .single();
        if (newest != null && !await(processorName, newest, aggregateIdentifier)) {
            throw new ProjectionLagException(processorName, aggregateIdentifier, location);
        }
    }

    private boolean await(String processorName, long globalIndex, String aggregateIdentifier) {
        StreamingEventProcessor processor = axonConfiguration.eventProcessingConfiguration()
                .eventProcessor(processorName, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("No streaming processor named " + processorName));
        boolean perAggregate = aggregateIdentifier != null && axonConfiguration.eventProcessingConfiguration()
                .sequencingPolicy(processorName) instanceof SequentialPerAggregatePolicy;
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = TimeUnit.MICROSECONDS.toNanos(200);
        while (!reached(processorName, processor.processingStatus(), globalIndex, perAggregate ? aggregateIdentifier : null)) {
            if (System.nanoTime() - deadline > 0) {
                log.warn("Projection {} did not reach position {} within {}", processorName, globalIndex, timeout);
                return false;
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
        return true;
    }

    /** The segments that matter (the aggregate's, or all) are past the position, here or wherever they run. */
    private boolean reached(String processorName, Map<Integer, EventTrackerStatus> local, long globalIndex,
                            String aggregateIdentifier) {
        if (aggregateIdentifier != null && !local.isEmpty()) {
            // the fast path: this instance holds the aggregate's segment
            Optional<EventTrackerStatus> mine = local.values().stream()
                    .filter(status -> status.getSegment().matches(aggregateIdentifier)).findFirst();
            if (mine.isPresent()) {
                return passed(mine.get().getTrackingToken(), mine.get().getCurrentPosition().orElse(-1), globalIndex);
            }
        }
        List<Integer> segmentIds = jdbcClient.sql("SELECT segment FROM tokenentry WHERE processorname = ? ORDER BY segment")
                .param(processorName).query(Integer.class).list();
        if (segmentIds.isEmpty()) {
            return false;
        }
        for (Segment segment : Segment.computeSegments(segmentIds.stream().mapToInt(Integer::intValue).toArray())) {
            if (aggregateIdentifier != null && !segment.matches(aggregateIdentifier)) {
                continue;
            }
            EventTrackerStatus status = local.get(segment.getSegmentId());
            boolean past = status != null
                    ? passed(status.getTrackingToken(), status.getCurrentPosition().orElse(-1), globalIndex)
                    : passed(storedToken(processorName, segment.getSegmentId()), -1, globalIndex);
            if (!past) {
                return false;
            }
        }
        return true;
    }

    /** A segment another instance runs (or none does): its position as last stored. */
    private TrackingToken storedToken(String processorName, int segment) {
        return jdbcClient.sql("SELECT token, tokentype FROM tokenentry WHERE processorname = ? AND segment = ?")
                .params(processorName, segment)
                .query((rs, row) -> {
                    byte[] token = rs.getBytes(1);
                    String type = rs.getString(2);
                    return token == null || type == null ? null : (TrackingToken) axonConfiguration.serializer()
                            .deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
                })
                .optional().orElse(null);
    }

    /**
     * Past the position and not still waiting for it: a gap-aware token's index can run ahead of an event
     * whose transaction commits late (the event is then one of the token's gaps).
     */
    private static boolean passed(TrackingToken tracking, long currentPosition, long globalIndex) {
        TrackingToken token = WrappedToken.unwrapLowerBound(tracking);
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= globalIndex && !gapAware.getGaps().contains(globalIndex);
        }
        if (token == null) {
            return false;
        }
        return Math.max(currentPosition, token.position().orElse(-1)) >= globalIndex;
    }
}
