package dev.eventcommerce.ordering.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.eventcommerce.kernel.testing.TestTokens;
import dev.eventcommerce.kernel.testing.ApiClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A failing or unreachable catalog: 503 problem+json, quickly, and no event stored. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogOutageIT {

    static final WireMockServer CATALOG = OrderingTestSetup.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        OrderingTestSetup.properties(registry, CATALOG.baseUrl(), OrderingTestSetup.exchange());
    }

    @AfterAll
    static void stopCatalog() {
        CATALOG.stop();
    }

    @LocalServerPort
    int port;
    final TestTokens accessTokens = TestTokens.shared();
    @Autowired
    JdbcClient jdbc;

    @Test
    void aFailingOrUnreachableCatalogMeans503AndNoEvent() {
        ApiClient api = new ApiClient(port);
        String token = accessTokens.issue(101, "alice", List.of("user")).token();

        for (long product : List.of(500L, 503L, 500L, 503L, 500L, 503L, 500L)) {
            long start = System.nanoTime();
            ApiClient.Response response = api.postJson("/orders", "{\"product_id\":" + product + ",\"quantity\":1}", token);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(response.status()).as("product " + product).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(millis).as("answer time in ms").isLessThan(5000);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single()).isZero();
        assertThat(api.get("/health", null).status()).as("the service itself stays healthy").isEqualTo(200);
    }
}
