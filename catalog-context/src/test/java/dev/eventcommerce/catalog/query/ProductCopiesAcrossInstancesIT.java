package dev.eventcommerce.catalog.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.catalog.CatalogApplication;
import dev.eventcommerce.catalog.web.CatalogServiceTestSupport;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.ServiceInstances;
import dev.eventcommerce.platform.testing.TestMessaging;
import dev.eventcommerce.platform.testing.TestTokens;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Two catalog instances behind one imaginary load balancer, one database and one Redis: each keeps its own
 * copy of the products it serves. A change written through one is never answered stale by the other, however
 * soon after the write's answer the other is asked.
 */
class ProductCopiesAcrossInstancesIT {

    static final TestMessaging MESSAGING = TestMessaging.create();
    static final ServiceInstances INSTANCES = new ServiceInstances(CatalogApplication.class, OwnTokenClaims.class);
    private static ConfigurableApplicationContext second;
    private static ApiClient a;
    private static ApiClient b;
    private static String token;

    @BeforeAll
    static void startTwoInstances() {
        CatalogServiceTestSupport.service(INSTANCES.properties(), MESSAGING, "catalog_copies", null);
        INSTANCES.with("spring.datasource.hikari.maximum-pool-size", 4);
        a = ServiceInstances.api(INSTANCES.start());
        second = INSTANCES.start();
        b = ServiceInstances.api(second);
        token = TestTokens.shared().issue(21, "writer", List.of("user")).token();
    }

    @AfterAll
    static void stop() {
        INSTANCES.close();
        MESSAGING.delete();
    }

    @Test
    void anUnchangedProductIsServedFromTheInstancesOwnCopy() {
        long id = create("Teapot");
        b.get("/products/" + id, null);
        assertThat(copy(second, id)).as("copied on its first read from Redis").isTrue();

        second.getBean(StringRedisTemplate.class).delete(second.getBean(ProductCache.class).key(id));

        assertThat(b.get("/products/" + id, null).json().get("name").asString()).isEqualTo("Teapot");
    }

    @Test
    void aProductChangedThroughOneInstanceIsNeverServedStaleByTheOther() {
        long id = create("Kettle");
        for (int i = 1; i <= 20; i++) {
            b.get("/products/" + id, null);
            assertThat(copy(second, id)).isTrue();

            assertThat(a.putJson("/products/" + id, "{\"quantity\":" + (100 + i) + "}", token).status()).isEqualTo(200);

            assertThat(b.get("/products/" + id, null).json().get("quantity").asInt()).as("change %d", i)
                    .isEqualTo(100 + i);
        }
        b.get("/products/" + id, null);

        assertThat(a.delete("/products/" + id, token).status()).isEqualTo(204);

        ApiClient.Response deleted = b.get("/products/" + id, null);
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.contentType()).startsWith("application/problem+json");
    }

    /**
     * Separate processes claim segments under separate names; two instances in one JVM would share its name
     * (pid@host), both project every event, and a late ProductCreated would put its first state back in Redis.
     */
    static class OwnTokenClaims {

        @Bean
        TokenStore tokenStore(ConnectionProvider connections, Serializer serializer) {
            return JdbcTokenStore.builder().connectionProvider(connections).serializer(serializer)
                    .nodeId(UUID.randomUUID().toString()).build();
        }
    }

    private static long create(String name) {
        return a.postJson("/products", "{\"name\":\"" + name + "\",\"price\":5.00,\"quantity\":100}", token)
                .json().get("id").asLong();
    }

    private static boolean copy(ConfigurableApplicationContext instance, long id) {
        return instance.getBean(ProductNearCache.class).get(id).isPresent();
    }
}
