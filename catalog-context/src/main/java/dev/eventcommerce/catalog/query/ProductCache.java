package dev.eventcommerce.catalog.query;

import dev.eventcommerce.catalog.api.ProductView;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis cache of the product projection, {@code product:{id}} → the product's JSON exactly as the API
 * serves it (the web layer's mapper, snake_case), with a TTL: a cached read writes the stored bytes as they
 * are, without parsing or serialising anything.
 *
 * <p>The projection writes the new view on every product event, and deletes the entry on deletion,
 * before its transaction commits and so before the write's HTTP answer. A read miss fills the entry only
 * if none is there and the product was not deleted meanwhile (one atomic script: {@code SET NX} unless
 * the marker {@code product:{id}:deleted} exists), so a fill from an older read can never overwrite a
 * newer projection write nor bring back a deleted product. A cached read is therefore never older than
 * the read model.
 *
 * <p>Redis is an accelerator, never a dependency: every call goes through a circuit breaker with short
 * timeouts, and while Redis is down or slow reads go straight to PostgreSQL. Entries read are also kept in
 * this instance's {@link ProductNearCache}, which every change reaches on every instance before it answers. An entry the projection
 * could not write is remembered and bypassed until it has been deleted from Redis, so nothing stale
 * is served once Redis is back.
 */
public class ProductCache implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProductCache.class);
    private static final RedisScript<Boolean> FILL_UNLESS_DELETED = new DefaultRedisScript<>("""
            if redis.call('EXISTS', KEYS[2]) == 1 then return false end
            return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') ~= false""", Boolean.class);

    private static final String CHANGED = ProductCache.class.getName() + ".changed";

    private final StringRedisTemplate redis;
    private final ProductNearCache near;
    private final String prefix;
    private final JsonMapper json;
    private final Duration ttl;
    private final CircuitBreaker breaker;
    private final Set<Long> unsynced = ConcurrentHashMap.newKeySet();
    private final Counter hits;
    private final Counter misses;
    private final Counter bypasses;
    private final ScheduledExecutorService resyncer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "product-cache-resync");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param prefix prepended to every key: empty in production ({@code product:{id}}), unique per test run
     * @param near this instance's copies of entries, dropped on every instance when a product changes
     * @param json the web layer's mapper, so that the stored JSON is the API's body byte for byte
     */
    ProductCache(StringRedisTemplate redis, ProductNearCache near, String prefix, JsonMapper json, Duration ttl,
                 CircuitBreaker breaker, MeterRegistry meters) {
        this.redis = redis;
        this.near = near;
        this.prefix = prefix;
        this.json = json;
        this.ttl = ttl;
        this.breaker = breaker;
        this.hits = counter(meters, "hit");
        this.misses = counter(meters, "miss");
        this.bypasses = counter(meters, "bypass");
        resyncer.scheduleWithFixedDelay(this::resync, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void destroy() {
        resyncer.shutdownNow();
    }

    public String key(long productId) {
        return prefix + "product:" + productId;
    }

    /** The shape of the entries: the API's body, written as it is (before: the view record's own JSON). */
    static final String FORMAT = "api-body";

    String formatKey() {
        return prefix + "product-cache-format";
    }

    /**
     * Drops every entry once when entries of another shape may be there: the public read writes an entry's bytes
     * as they are, so an entry written by an older version (a Redis kept across an upgrade, or across make runs)
     * would be answered in its shape until it expired. Redis down: nothing to drop now, and nothing read from it.
     */
    void dropEntriesOfAnOlderFormat() {
        Boolean current = call(() -> FORMAT.equals(redis.opsForValue().get(formatKey())));
        if (Boolean.FALSE.equals(current)) {
            clear();
            call(() -> {
                redis.opsForValue().set(formatKey(), FORMAT);
                return true;
            });
        }
    }

    String deletedKey(long productId) {
        return key(productId) + ":deleted";
    }

    /** The cached view of a product, from Redis (the writes' read-back); empty sends the caller to the read model. */
    Optional<ProductView> get(long productId) {
        return fromRedis(productId, false).map(value -> json.readValue(value, ProductView.class));
    }

    /**
     * The cached JSON of a product, the API's body, for the public read: this instance's copy, else Redis's
     * entry (then copied); empty sends the caller to the read model.
     */
    Optional<byte[]> getJson(long productId) {
        Optional<byte[]> copy = near.get(productId);
        if (copy.isPresent()) {
            hits.increment();
            return copy;
        }
        return fromRedis(productId, true);
    }

    private Optional<byte[]> fromRedis(long productId, boolean keepCopy) {
        if (unsynced.contains(productId)) {
            bypasses.increment();
            return Optional.empty();
        }
        ProductNearCache.Ticket ticket = near.ticket();
        byte[] key = key(productId).getBytes(StandardCharsets.UTF_8);
        Optional<byte[]> cached = call(() -> Optional.ofNullable(
                redis.execute((RedisCallback<byte[]>) connection -> connection.stringCommands().get(key))));
        if (cached == null) {
            bypasses.increment();
            return Optional.empty();
        }
        (cached.isPresent() ? hits : misses).increment();
        if (keepCopy) {
            cached.ifPresent(json -> near.put(productId, json, ticket));
        }
        return cached;
    }

    /** A view as the API's JSON body: what the cache holds. */
    byte[] toJson(ProductView view) {
        return json.writeValueAsBytes(view);
    }

    /** Fills a missing entry from the read model; never overwrites a newer write or revives a deletion. */
    void fill(ProductView view) {
        if (!unsynced.contains(view.id())) {
            call(() -> redis.execute(FILL_UNLESS_DELETED, List.of(key(view.id()), deletedKey(view.id())),
                    json.writeValueAsString(view), String.valueOf(ttl.toMillis())));
        }
    }

    /** The projection's write of a product's new state. */
    void write(ProductView view) {
        sync(view.id(), () -> redis.opsForValue().set(key(view.id()), json.writeValueAsString(view), ttl));
        changed(view.id());
    }

    /** The projection's record of a deletion: the entry goes, and the marker stops late fills reviving it. */
    void delete(long productId) {
        sync(productId, () -> {
            redis.opsForValue().set(deletedKey(productId), "1", ttl);
            redis.delete(key(productId));
        });
        changed(productId);
    }

    /** Removes every product entry (a replay rebuilds them). */
    void clear() {
        unsynced.clear();
        Long removed = call(() -> {
            long count = 0;
            try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(prefix + "product:*").count(1000).build())) {
                while (keys.hasNext()) {
                    count += Boolean.TRUE.equals(redis.delete(keys.next())) ? 1 : 0;
                }
            }
            return count;
        });
        near.drop(List.of());
        log.info("Product cache cleared ({} entries)", removed);
    }

    /**
     * Every instance drops its copy of a changed product before the projection's transaction commits, so
     * before the write that changed it answers: once per batch of events, with all the batch's products.
     */
    private void changed(long productId) {
        if (!CurrentUnitOfWork.isStarted()) {
            near.drop(List.of(productId));
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        root.<Set<Long>>getOrComputeResource(CHANGED, key -> {
            Set<Long> changed = new LinkedHashSet<>();
            root.onPrepareCommit(unitOfWork -> near.drop(changed));
            return changed;
        }).add(productId);
    }

    /** Deletes the entries the projection could not write while Redis was away; runs every second. */
    void resync() {
        for (Long productId : Set.copyOf(unsynced)) {
            if (call(() -> redis.delete(key(productId))) != null) {
                unsynced.remove(productId);
            }
        }
    }

    boolean isAvailable() {
        return breaker.getState() != CircuitBreaker.State.OPEN;
    }

    private void sync(long productId, Runnable redisWrite) {
        if (call(() -> {
            redisWrite.run();
            return Boolean.TRUE;
        }) == null) {
            unsynced.add(productId);
        }
    }

    /** Runs a Redis call through the breaker; {@code null} when Redis is down, slow or the breaker is open. */
    private <T> T call(Supplier<T> redisCall) {
        try {
            return breaker.executeSupplier(redisCall);
        } catch (RuntimeException e) {
            log.debug("Redis call skipped or failed: {}", e.toString());
            return null;
        }
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("product.cache.requests")
                .description("Product reads by cache outcome: hit, miss, or bypass (Redis down or entry unsynced)")
                .tag("result", result)
                .register(meters);
    }
}
