package dev.eventcommerce.catalog.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.catalog.web.CatalogServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Entries written in an older shape (the view record's own JSON) are dropped once, before this version serves
 * cached reads as the stored bytes; entries of the current shape are kept across restarts.
 */
@CatalogServiceTest
class ProductCacheFormatIT {

    @Autowired
    ProductCache cache;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void entriesOfAnOlderShapeAreDroppedOnceAndCurrentOnesKept() {
        assertThat(redis.opsForValue().get(cache.formatKey())).as("marked at start").isEqualTo(ProductCache.FORMAT);

        redis.delete(cache.formatKey());
        redis.opsForValue().set(cache.key(7), "{\"id\":7,\"name\":\"Lamp\",\"createdAt\":\"2026-11-30T10:00:00Z\"}");
        cache.dropEntriesOfAnOlderFormat();
        assertThat(redis.hasKey(cache.key(7))).as("an entry of the older shape").isFalse();
        assertThat(redis.opsForValue().get(cache.formatKey())).isEqualTo(ProductCache.FORMAT);

        redis.opsForValue().set(cache.key(8), "{\"id\":8,\"name\":\"Mug\",\"created_at\":\"2026-12-06T10:00:00Z\"}");
        cache.dropEntriesOfAnOlderFormat();
        assertThat(redis.hasKey(cache.key(8))).as("an entry of the current shape").isTrue();
        redis.delete(cache.key(8));
        redis.delete(cache.formatKey());
    }
}
