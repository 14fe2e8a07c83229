package dev.eventcommerce.user.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a throttle's shared state in Redis can be used now. While Redis fails, the throttle uses this
 * instance's memory instead: still limited, but per instance again (N instances, N times the allowance)
 * rather than unlimited, and never an error for the caller. The outage is logged when it starts and when
 * it ends, not per request, and Redis is tried again only every {@code retry}, so that requests do not
 * each wait for a connect timeout meanwhile.
 */
final class RedisOutage {

    private static final Logger log = LoggerFactory.getLogger(RedisOutage.class);

    private final String what;
    private final Duration retry;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong retryAt = new AtomicLong();

    RedisOutage(String what, Duration retry) {
        this.what = what;
        this.retry = retry;
    }

    /** The shared answer, or, while Redis fails, the local one. */
    <T> T attempt(Supplier<T> shared, Supplier<T> local) {
        if (down.get() && System.nanoTime() - retryAt.get() < 0) {
            return local.get();
        }
        T answer;
        try {
            answer = shared.get();
        } catch (RuntimeException e) {
            // any failure of the remote call (connection, timeout, a reply we cannot read) counts as an
            // outage: a throttle must not turn a Redis problem into a 500 on every login
            retryAt.set(System.nanoTime() + retry.toNanos());
            if (down.compareAndSet(false, true)) {
                log.warn("Redis unusable for the {}: this instance limits with its own memory until it is back ({}: {})",
                        what, e.getClass().getSimpleName(), e.getMessage());
            }
            return local.get();
        }
        if (down.compareAndSet(true, false)) {
            log.info("Redis usable again for the {}: limits are shared by every instance again", what);
        }
        return answer;
    }

    void attempt(Runnable shared) {
        attempt(() -> {
            shared.run();
            return null;
        }, () -> null);
    }

    boolean down() {
        return down.get();
    }
}
