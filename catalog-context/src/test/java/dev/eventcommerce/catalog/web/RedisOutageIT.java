package dev.eventcommerce.catalog.web;

import static dev.eventcommerce.catalog.web.CatalogServiceTestSupport.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TcpProxy;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service reaches Redis through a proxy that the test cuts: reads keep answering from PostgreSQL
 * quickly, writes succeed, /health shows Redis disconnected; back up, the cache resumes and serves
 * nothing staler than the read model.
 */
@CatalogServiceTest
class RedisOutageIT {

    static final TcpProxy REDIS = new TcpProxy(6379);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("eventcommerce.auth.revocation-refresh", () -> "60s");
    }

    @AfterAll
    static void closeProxy() {
        REDIS.close();
    }

    @LocalServerPort
    int port;
    final TestTokens accessTokens = TestTokens.shared();

    @Test
    void readsAndWritesSurviveARedisOutageAndNothingStaleIsServedAfterwards() throws InterruptedException {
        ApiClient api = new ApiClient(port);
        String token = accessTokens.issue(12, "tester", List.of("user")).token();
        long id = api.postJson("/products", product("Before", "10.00", 1), token).json().get("id").asLong();
        assertThat(api.get("/products/" + id, null).json().get("name").asString()).isEqualTo("Before");

        REDIS.cut();
        try {
            long slowest = 0;
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                ApiClient.Response read = api.get("/products/" + id, null);
                slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
                assertThat(read.status()).isEqualTo(200);
            }
            assertThat(slowest).as("slowest read while Redis is down, ms").isLessThan(1000);
            ApiClient.Response updated = api.putJson("/products/" + id, "{\"name\":\"During\"}", token);
            assertThat(updated.status()).isEqualTo(200);
            assertThat(api.get("/products/" + id, null).json().get("name").asString()).isEqualTo("During");
            long created = api.postJson("/products", product("Created during", "2.00", 1), token).json().get("id").asLong();
            assertThat(api.get("/products/" + created, null).status()).isEqualTo(200);
            ApiClient.Response health = api.get("/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("redis").asString()).isEqualTo("disconnected");
            assertThat(health.json().get("database").asString()).isEqualTo("connected");
        } finally {
            REDIS.restore();
        }

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline
                && !"connected".equals(api.get("/health", null).json().get("redis").asString())) {
            Thread.sleep(200);
        }
        assertThat(api.get("/health", null).json().get("redis").asString()).isEqualTo("connected");
        for (int i = 0; i < 20; i++) {
            assertThat(api.get("/products/" + id, null).json().get("name").asString())
                    .as("never the value cached before the outage").isEqualTo("During");
            Thread.sleep(100);
        }
    }
}
