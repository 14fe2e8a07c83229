package dev.eventcommerce.platform.axon;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message identifiers as time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, then 74
 * random bits. Axon finds it through {@code META-INF/services} and uses it for every message: events, commands,
 * queries and their results.
 *
 * <p>Axon's default, {@link UUID#randomUUID()}, draws every identifier from one {@link SecureRandom} shared by all
 * threads, behind a lock: several identifiers per request and per command, and the lock showed in profiles of
 * reads, writes and replays (before {@link SharedEmptyResult}, a replay also made a result message per event). Here the random bits come from the
 * thread's own {@link ThreadLocalRandom}, mixed with a per-process salt drawn once from {@link SecureRandom} so
 * that two processes never share a sequence. Identifiers stay unique (two alike need the same millisecond and the
 * same 74 random bits) and, being ordered by time, an event's identifier goes at the right end of the event
 * table's unique index instead of at a random page.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    private static final long SALT = new SecureRandom().nextLong();

    @Override
    public String generateIdentifier() {
        return next(System.currentTimeMillis()).toString();
    }

    static UUID next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long leastSignificant = ((random.nextLong() ^ SALT) & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
