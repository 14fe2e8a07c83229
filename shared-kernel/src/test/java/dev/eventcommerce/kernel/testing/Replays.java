package dev.eventcommerce.kernel.testing;

import dev.eventcommerce.kernel.operations.ProcessorOperations;
import dev.eventcommerce.kernel.operations.ProcessorStatus;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Replays in tests: run one to its end, and fingerprint a read-model table to compare before and after. */
public final class Replays {

    private Replays() {
    }

    /** Replays the processor and waits (bounded) until it has rebuilt up to the head it started from. */
    public static ProcessorStatus replayAndAwait(ProcessorOperations operations, String processor, Duration timeout)
            throws InterruptedException {
        long head = operations.replay(processor).head();
        long deadline = System.nanoTime() + timeout.toNanos();
        ProcessorStatus status = operations.status(processor);
        while (System.nanoTime() < deadline) {
            status = operations.status(processor);
            boolean allClaimed = status.segments().stream().allMatch(ProcessorStatus.Segment::claimed);
            if (!status.replaying() && allClaimed && status.position() != null && status.position() >= head) {
                return status;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("replay of " + processor + " did not finish within " + timeout + ": " + status);
    }

    /** An md5 of every row of the table, in primary-key order: equal fingerprints, equal tables. */
    public static String checksum(JdbcClient jdbc, String table, String orderBy) {
        return jdbc.sql("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY " + orderBy + ")), '') "
                + "FROM " + table + " t").query(String.class).single();
    }
}
