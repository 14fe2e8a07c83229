package dev.eventcommerce.catalog.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.catalog.web.CatalogServiceTestSupport;
import dev.eventcommerce.platform.testing.TestMessaging;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Entries written in an older shape (the view record's own JSON) are dropped once, before this version serves
 * cached reads as the stored bytes; entries of the current shape are kept across restarts.
 */
@SpringBootTest
class ProductCacheFormatIT {

    static final TestMessaging MESSAGING = TestMessaging.create();
    static final String PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        CatalogServiceTestSupport.service(registry, MESSAGING, "catalog_cache_format", PREFIX);
    }

    @AfterAll
    static void deleteRabbitNames() {
        MESSAGING.delete();
    }

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
