package dev.eventcommerce.platform.operations;

import java.util.List;

/**
 * A streaming event processor as an operator sees it.
 *
 * @param name           the processor (its processing group)
 * @param instance       the instance answering (the owner name its claims carry)
 * @param running        whether it runs in this instance
 * @param replaying      whether any segment is still rebuilding, whichever instance holds it (or none): those
 *                       this instance runs as it runs them, the others as their tokens are stored
 * @param replayable     whether it may be replayed (false for processors with effects outside their read
 *                       model, such as the RabbitMQ bridge)
 * @param notReplayableBecause why it may not be replayed (the reason a replay is refused with); null when it may
 * @param segments       every segment in the token store: whether this instance has claimed it, which instance
 *                       holds it (null: none), and where it is (for a segment claimed elsewhere or by no one, as
 *                       its token was last stored)
 * @param position       the lowest position of the claimed segments (null before the first event)
 * @param head           the event store's newest position
 * @param lag            events between the head and the processor's position
 * @param replayProgress while replaying, the slowest segment's fraction of the events up to its reset point (0–1)
 */
public record ProcessorStatus(String name, String instance, boolean running, boolean replaying, boolean replayable,
                              String notReplayableBecause,
                              List<Segment> segments, Long position, long head, Long lag, Double replayProgress) {

    /** One segment of a processor. */
    public record Segment(int segment, boolean claimed, String owner, Long position, boolean replaying,
                          boolean caughtUp, String error) {
    }
}
