package dev.eventcommerce.catalog.web;

import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.TestDatabases;
import dev.eventcommerce.platform.testing.TestMessaging;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The catalog service under test: its own database, the real Redis, a test signing key. A test class has it
 * with {@link CatalogServiceTest}; a service started by hand takes {@link #service}.
 */
public final class CatalogServiceTestSupport {

    private CatalogServiceTestSupport() {
    }

    /** Keys of this test JVM, apart from a running system's {@code product:{id}} in the same Redis. */
    static final String CACHE_PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";

    /** A service of {@link CatalogServiceTest}: its Redis keys under this JVM's prefix and its database name. */
    static void properties(DynamicPropertyRegistry registry, TestMessaging messaging) {
        String database = service(registry, messaging, "catalog_it", null);
        registry.add("eventcommerce.catalog.cache-key-prefix", () -> CACHE_PREFIX + database.substring(database.lastIndexOf('/') + 1) + ":");
        TestTokens.revocations(registry);
    }

    /**
     * A catalog service on RabbitMQ names of the test's own: a database of its own (returned), this JVM's
     * token key, and Redis keys under {@code cachePrefix} ({@code null}: a prefix of its own).
     */
    public static String service(DynamicPropertyRegistry registry, TestMessaging messaging, String databasePrefix,
                                 String cachePrefix) {
        messaging.register(registry);
        String database = TestDatabases.create(databasePrefix);
        registry.add("spring.datasource.url", () -> database);
        TestTokens.verifier(registry);
        String keys = cachePrefix == null ? "it-" + UUID.randomUUID() + ":" : cachePrefix;
        registry.add("eventcommerce.catalog.cache-key-prefix", () -> keys);
        return database;
    }

    static String product(String name, String price, int quantity) {
        return "{\"name\":\"" + name + "\",\"description\":\"made in a test\",\"price\":" + price
                + ",\"quantity\":" + quantity + "}";
    }
}
