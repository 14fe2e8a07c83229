package dev.eventcommerce.catalog.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.DefaultMessage;

/** The near cache's rules, on a channel that delivers at once (or, cut, not at all). */
class ProductNearCacheTest {

    static final Duration LEASE = Duration.ofMillis(200);
    final AtomicBoolean channelUp = new AtomicBoolean(true);
    ProductNearCache cache;

    ProductNearCache start() {
        ProductNearCache[] self = new ProductNearCache[1];
        self[0] = new ProductNearCache(100, LEASE, "test", message -> {
            if (!channelUp.get()) {
                throw new IllegalStateException("Redis is away");
            }
            self[0].onMessage(new DefaultMessage("test".getBytes(), message.getBytes(StandardCharsets.UTF_8)), null);
        });
        cache = self[0];
        return cache;
    }

    @AfterEach
    void stop() {
        channelUp.set(true);
        cache.stop();
    }

    @Test
    void nothingIsKeptOrServedBeforeTheInstanceHearsItself() throws InterruptedException {
        ProductNearCache near = start();
        near.put(1, "{}".getBytes(), near.ticket());
        assertThat(near.get(1)).isEmpty();

        awaitLease(near);
        near.put(1, "{}".getBytes(), near.ticket());

        assertThat(near.get(1)).isPresent();
    }

    @Test
    void aDropRemovesTheCopyAndACopyTakenAcrossADropIsDiscarded() throws InterruptedException {
        ProductNearCache near = awaitLease(start());
        near.put(1, "{\"v\":1}".getBytes(), near.ticket());
        ProductNearCache.Ticket ticket = near.ticket();

        near.drop(List.of(1L));
        near.put(1, "{\"v\":1}".getBytes(), ticket);

        assertThat(near.get(1)).isEmpty();
    }

    @Test
    void aCopyIsServedForALeaseAtMostSoADropThatNeverArrivedCostsNoMore() throws InterruptedException {
        ProductNearCache near = awaitLease(start());
        near.put(1, "{}".getBytes(), near.ticket());
        assertThat(near.get(1)).isPresent();

        Thread.sleep(LEASE.toMillis() + 50);

        assertThat(near.get(1)).as("read from Redis again").isEmpty();
    }

    @Test
    void aResubscriptionClearsEveryCopy() throws InterruptedException {
        ProductNearCache near = awaitLease(start());
        near.put(1, "{}".getBytes(), near.ticket());

        near.onChannelSubscribed("test".getBytes(), 1);

        assertThat(near.get(1)).isEmpty();
    }

    @Test
    void withoutTheChannelCopiesStopBeingServedWithinALeaseAndADropWaitsThatLong() throws InterruptedException {
        ProductNearCache near = awaitLease(start());
        near.put(1, "{}".getBytes(), near.ticket());
        channelUp.set(false);

        long start = System.nanoTime();
        near.drop(List.of(2L));

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(LEASE.toNanos());
        assertThat(near.get(1)).as("no longer served: its lease has run out").isEmpty();
    }

    private static ProductNearCache awaitLease(ProductNearCache near) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (near.get(0).isEmpty() && System.nanoTime() < deadline) {
            near.put(0, "{}".getBytes(), near.ticket());
            Thread.sleep(10);
        }
        assertThat(near.get(0)).as("leased").isPresent();
        return near;
    }
}
