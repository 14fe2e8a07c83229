package dev.eventcommerce.platform.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Field;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Aggregates kept in memory between commands, used only while no other instance has changed them: before a
 * cached aggregate is handed to a command, the newest sequence number of its stream is read (one indexed lookup
 * in the command's transaction), and an aggregate that is behind is dropped and loaded from the store. Loading
 * a product otherwise read its snapshot, with every reservation it holds, and up to a hundred events, for each
 * stock request: half of catalog's work per order. With several instances taking commands for the same
 * aggregate, a plain cache would decide on stale state and fail at the append; this one fails only when
 * another instance commits between the lookup and the append, as without a cache (optimistic locking, then the
 * caller's retry).
 *
 * <p>Axon's {@link AggregateCacheEntry} does not expose the version it holds; it is read from its field, which
 * {@code FreshAggregateCacheTest} pins against Axon's own entry, so that an Axon upgrade that renames it fails
 * a test instead of silently turning every hit into a reload. Counted in
 * {@code aggregate.cache{result=hit|stale|miss}}.
 */
public class FreshAggregateCache implements Cache {

    private static final Field VERSION = versionField();

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;
    private final JdbcClient jdbc;
    private final Counter hits;
    private final Counter stale;
    private final Counter misses;

    public FreshAggregateCache(int maximumSize, JdbcClient jdbc, MeterRegistry meters) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
        this.jdbc = jdbc;
        this.hits = meters.counter("aggregate.cache", "result", "hit");
        this.stale = meters.counter("aggregate.cache", "result", "stale");
        this.misses = meters.counter("aggregate.cache", "result", "miss");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object entry = entries.getIfPresent(key);
        if (entry == null) {
            misses.increment();
            return null;
        }
        Long newest = jdbc.sql("SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(key.toString()).query(Long.class).single();
        if (!Objects.equals(version(entry), newest)) {
            entries.invalidate(key);
            stale.increment();
            return null;
        }
        hits.increment();
        return (V) entry;
    }

    /** The version an Axon cache entry holds, or {@code null} for anything else. */
    static Long version(Object entry) {
        if (!(entry instanceof AggregateCacheEntry<?>)) {
            return null;
        }
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read the version of Axon's AggregateCacheEntry", e);
        }
    }

    private static Field versionField() {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField("version");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry has no version field any more", e);
        }
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.get(key, k -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.getIfPresent(key) != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.asMap().computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    /** Nothing listens to aggregate cache entries here. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return () -> true;
    }
}
