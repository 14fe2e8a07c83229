package dev.eventcommerce.platform.operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Status and replay of a service's streaming processors. A replay resets the processor's tokens to the
 * start of the event store: its {@code @ResetHandler}s clear what it owns, then it rebuilds its read
 * model from every event, while live events keep arriving and are applied once it catches up.
 * Processors with effects outside their read model ({@code @DisallowReplay}) are refused.
 */
public class ProcessorOperations {

    private static final Logger log = LoggerFactory.getLogger(ProcessorOperations.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final SegmentOwners owners;

    public ProcessorOperations(EventProcessingConfiguration processing, EventStore eventStore, SegmentOwners owners) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.owners = owners;
    }

    /** Who holds each segment of a processor, on any instance, and where it is, by the shared token store. */
    public interface SegmentOwners {

        /** This instance's owner name. */
        String self();

        /** Every segment of the processor in the token store → its row there. */
        Map<Integer, StoredSegment> of(String processorName);

        /** Asks the other instances to stop the processor (releasing its segments) until {@link #resume}. */
        void pauseElsewhere(String processorName);

        void resume(String processorName);
    }

    /**
     * A segment as the token store has it: its owner (null: none) and its token as last stored by whichever
     * instance holds it (null: at the start, or unreadable).
     */
    public record StoredSegment(String owner, TrackingToken token) {
    }

    private static final long RESET_WAIT_MILLIS = 15_000;

    /**
     * Why a processor that does not support a reset is never replayed. Only the bridges are such processors here
     * ({@code @DisallowReplay}; a projection may not be one, see Projection).
     */
    static final String NOT_REPLAYABLE = "publishes to RabbitMQ: a replay would send every message again";

    /** Resets every token as soon as no other instance holds a segment, waiting for that a bounded time. */
    private static void resetWhenAllSegmentsAreFree(StreamingEventProcessor processor, String name) {
        long deadline = System.currentTimeMillis() + RESET_WAIT_MILLIS;
        while (true) {
            try {
                processor.resetTokens();
                return;
            } catch (UnableToClaimTokenException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new ReplayRefusedException(name + " has segments another instance did not release within "
                            + RESET_WAIT_MILLIS / 1000 + " s; try again");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ReplayRefusedException("interrupted while waiting for the segments of " + name);
                }
            }
        }
    }

    public List<ProcessorStatus> statuses() {
        long head = head();
        return processing.eventProcessors().keySet().stream().sorted()
                .flatMap(name -> processing.eventProcessor(name, StreamingEventProcessor.class).stream()
                        .map(processor -> status(name, processor, head)))
                .toList();
    }

    public ProcessorStatus status(String name) {
        return status(name, streaming(name), head());
    }

    /**
     * Starts rebuilding the processor's read model from the first event.
     *
     * @throws UnknownProcessorException when the service has no streaming processor of that name
     * @throws ReplayRefusedException    when it may not be replayed, already replays, or another instance
     *                                   holds one of its segments
     */
    public synchronized ProcessorStatus replay(String name) {
        StreamingEventProcessor processor = streaming(name);
        if (!processor.supportsReset()) {
            throw new ReplayRefusedException(name + " can never be replayed: " + NOT_REPLAYABLE);
        }
        if (processor.processingStatus().values().stream().anyMatch(ProcessorOperations::rebuilding)) {
            throw new ReplayRefusedException(name + " is already replaying");
        }
        try {
            processor.shutdownAsync().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            processor.start();
            throw new ReplayRefusedException("interrupted while stopping " + name);
        } catch (ExecutionException | TimeoutException e) {
            processor.start();
            throw new ReplayRefusedException(name + " did not stop within 30 s: " + e.getMessage());
        }
        try {
            // every segment is needed: the other instances are asked to let theirs go, and given a few seconds
            owners.pauseElsewhere(name);
            resetWhenAllSegmentsAreFree(processor, name);
            log.info("Replay of {} started", name);
        } finally {
            processor.start();
            owners.resume(name);
        }
        awaitClaims(processor);
        return status(name);
    }

    /**
     * Replays the processor and waits (bounded) until it has rebuilt up to the head it started from: what a
     * rebuild script or a test needs.
     *
     * @throws IllegalStateException when the replay has not reached that head within {@code timeout}
     */
    public ProcessorStatus replayAndAwait(String name, Duration timeout) throws InterruptedException {
        long head = replay(name).head();
        long deadline = System.nanoTime() + timeout.toNanos();
        ProcessorStatus status = status(name);
        while (System.nanoTime() < deadline) {
            status = status(name);
            boolean allClaimed = status.segments().stream().allMatch(ProcessorStatus.Segment::claimed);
            if (!status.replaying() && allClaimed && status.position() != null && status.position() >= head) {
                return status;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("replay of " + name + " did not finish within " + timeout + ": " + status);
    }

    /**
     * Waits (bounded) until the restarted processor has claimed its segments again, so that the answer,
     * and any replay request after it, sees the replay running.
     */
    private static void awaitClaims(StreamingEventProcessor processor) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (processor.processingStatus().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private StreamingEventProcessor streaming(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new UnknownProcessorException(name));
    }

    /**
     * The processor as this instance runs it, with the segments other instances hold (or no one does) as the
     * token store has them: a replay is reported until every segment, claimed here or not, has rebuilt up to
     * its reset point, so the instance that started it does not report it done while a segment it let go of
     * has still to be replayed by another.
     */
    private ProcessorStatus status(String name, StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> claimed = processor.processingStatus();
        // one read of the token store: every segment, with its owner and its stored token
        Map<Integer, StoredSegment> stored = new TreeMap<>(owners.of(name));
        List<ProcessorStatus.Segment> segments = new ArrayList<>();
        List<Progress> replays = new ArrayList<>();
        for (Map.Entry<Integer, StoredSegment> entry : stored.entrySet()) {
            int segment = entry.getKey();
            StoredSegment row = entry.getValue();
            EventTrackerStatus status = claimed.get(segment);
            if (status != null) {
                boolean rebuilding = rebuilding(status);
                if (rebuilding) {
                    replays.add(new Progress(status.getCurrentPosition(), status.getResetPosition()));
                }
                segments.add(new ProcessorStatus.Segment(segment, true, row.owner(),
                        value(status.getCurrentPosition()), rebuilding, status.isCaughtUp(),
                        status.isErrorState() ? String.valueOf(status.getError()) : null));
            } else {
                TrackingToken token = row.token();
                boolean rebuilding = rebuilding(token);
                if (rebuilding) {
                    replays.add(new Progress(token.position(), ReplayToken.getTokenAtReset(token)));
                }
                segments.add(new ProcessorStatus.Segment(segment, false, row.owner(),
                        token == null ? null : value(token.position()), rebuilding, false, null));
            }
        }
        Long position = claimed.values().stream()
                .map(status -> value(status.getCurrentPosition()))
                .map(value -> value == null ? -1L : value)
                .min(Comparator.naturalOrder())
                .filter(value -> value >= 0)
                .orElse(null);
        boolean replaying = !replays.isEmpty();
        Double progress = replaying ? slowest(replays) : null;
        Long lag = null;
        if (position != null) {
            lag = Math.max(0, head - position);
        } else if (!claimed.isEmpty()) {
            lag = head + 1;
        }
        boolean replayable = processor.supportsReset();
        return new ProcessorStatus(name, owners.self(), processor.isRunning(), replaying, replayable,
                replayable ? null : NOT_REPLAYABLE, segments, position, head, lag, progress);
    }

    /**
     * Whether a segment is still re-reading events it had seen before the reset. Axon keeps a segment
     * flagged as replaying until it handles an event past the reset point, which in a quiet store can be
     * long after the read model is rebuilt; an operator wants to know when the rebuild is done.
     */
    private static boolean rebuilding(EventTrackerStatus status) {
        return status.isReplaying() && beforeReset(status.getCurrentPosition(), status.getResetPosition());
    }

    /** The same for a segment's stored token. */
    static boolean rebuilding(TrackingToken token) {
        return ReplayToken.isReplay(token) && beforeReset(token.position(), ReplayToken.getTokenAtReset(token));
    }

    private static boolean beforeReset(OptionalLong current, OptionalLong reset) {
        return reset.isEmpty() || current.isEmpty() || current.getAsLong() < reset.getAsLong();
    }

    private record Progress(OptionalLong current, OptionalLong reset) {
    }

    /** The slowest replaying segment's share of the events up to its reset point. */
    private static Double slowest(List<Progress> replays) {
        double slowest = 1.0;
        for (Progress replay : replays) {
            if (replay.reset().isPresent() && replay.reset().getAsLong() > 0) {
                long current = replay.current().orElse(0);
                slowest = Math.min(slowest, Math.min(1.0, (double) current / replay.reset().getAsLong()));
            }
        }
        return slowest;
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private static Long value(OptionalLong optional) {
        return optional.isPresent() ? optional.getAsLong() : null;
    }

    /** No streaming processor of that name in this service. */
    public static class UnknownProcessorException extends RuntimeException {

        public UnknownProcessorException(String name) {
            super("No streaming processor named " + name);
        }
    }

    /** The replay cannot start; the message says why. */
    public static class ReplayRefusedException extends RuntimeException {

        public ReplayRefusedException(String message) {
            super(message);
        }
    }
}
