package dev.eventcommerce.catalog.web;

import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.TestDatabases;
import dev.eventcommerce.platform.testing.TestMessaging;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The catalog service under test: its own database, the real Redis, a test signing key. */
final class CatalogServiceTestSupport {

    private CatalogServiceTestSupport() {
    }

    /** Keys of this test JVM, apart from a running system's {@code product:{id}} in the same Redis. */
    static final String CACHE_PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";

    /** RabbitMQ names of this test JVM's catalog services; deleted at its end. */
    static final TestMessaging MESSAGING = TestMessaging.create();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(MESSAGING::delete, "delete-test-rabbitmq-names"));
    }

    static void properties(DynamicPropertyRegistry registry) {
        MESSAGING.register(registry);
        String database = TestDatabases.create("catalog_it");
        registry.add("spring.datasource.url", () -> database);
        TestTokens.verifier(registry);
        registry.add("eventcommerce.catalog.cache-key-prefix", () -> CACHE_PREFIX + database.substring(database.lastIndexOf('/') + 1) + ":");
        // computed once: a supplier is asked again at every lookup, and every reader must see the same key
        String revocationKey = "it:" + UUID.randomUUID() + ":token-revocations";
        registry.add("eventcommerce.auth.revocation-key", () -> revocationKey);
        registry.add("eventcommerce.auth.revocation-refresh", () -> "200ms");
    }

    static String product(String name, String price, int quantity) {
        return "{\"name\":\"" + name + "\",\"description\":\"made in a test\",\"price\":" + price
                + ",\"quantity\":" + quantity + "}";
    }
}
