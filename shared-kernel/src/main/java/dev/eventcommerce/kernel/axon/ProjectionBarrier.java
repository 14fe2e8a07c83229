package dev.eventcommerce.kernel.axon;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Read-your-writes at the API: after a command has committed, a controller waits here until a streaming
 * projection has passed the position of the aggregate's newest event, so that the next GET (from any
 * client) sees the write. The wait is bounded; on timeout the write stands and the caller answers anyway.
 *
 * <p>Streaming processors advance every segment's token over every event (handled or not), so "every
 * segment this instance runs is at or past the position" means the event has been projected.
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
     * Waits until {@code processorName} has handled every event stored so far for {@code aggregateIdentifier}.
     *
     * @return whether the projection caught up within the timeout
     */
    public boolean awaitAggregate(String processorName, String aggregateIdentifier) {
        Long newest = jdbcClient.sql("SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(aggregateIdentifier)
                .query(Long.class)
                .single();
        return newest == null || awaitPosition(processorName, newest);
    }

    /** Waits until every segment of {@code processorName} that runs here is at or past {@code globalIndex}. */
    public boolean awaitPosition(String processorName, long globalIndex) {
        StreamingEventProcessor processor = axonConfiguration.eventProcessingConfiguration()
                .eventProcessor(processorName, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("No streaming processor named " + processorName));
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = TimeUnit.MICROSECONDS.toNanos(200);
        while (!reached(processor.processingStatus(), globalIndex)) {
            if (System.nanoTime() - deadline > 0) {
                log.warn("Projection {} did not reach position {} within {}", processorName, globalIndex, timeout);
                return false;
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
        return true;
    }

    private static boolean reached(Map<Integer, EventTrackerStatus> segments, long globalIndex) {
        return !segments.isEmpty() && segments.values().stream().allMatch(status -> passed(status, globalIndex));
    }

    /**
     * Past the position and not still waiting for it: a gap-aware token's index can run ahead of an event
     * whose transaction commits late (the event is then one of the token's gaps).
     */
    private static boolean passed(EventTrackerStatus status, long globalIndex) {
        TrackingToken token = WrappedToken.unwrapLowerBound(status.getTrackingToken());
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= globalIndex && !gapAware.getGaps().contains(globalIndex);
        }
        return status.getCurrentPosition().orElse(-1) >= globalIndex;
    }
}
