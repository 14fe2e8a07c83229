package dev.eventcommerce.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TcpProxy;
import dev.eventcommerce.platform.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service reaches PostgreSQL through a proxy that the test cuts: /health turns unhealthy (503) and
 * the service stays up, then recovers by itself when the database is back.
 */
@UserServiceTest
class DatabaseOutageIT {

    static final TcpProxy POSTGRES = new TcpProxy(5432);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String database = TestDatabases.create("user_outage");
        String name = database.substring(database.lastIndexOf('/') + 1);
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + POSTGRES.port() + "/" + name);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    }

    @AfterAll
    static void closeProxy() {
        POSTGRES.close();
    }

    @LocalServerPort
    int port;

    @Test
    void healthIsUnhealthyWhileTheDatabaseIsUnreachableAndRecoversAfterwards() throws InterruptedException {
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/health", null).json().get("status").asString()).isEqualTo("healthy");

        POSTGRES.cut();
        try {
            ApiClient.Response down = api.get("/health", null);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().get("status").asString()).isEqualTo("unhealthy");
            assertThat(down.json().get("database").asString()).isEqualTo("disconnected");
            ApiClient.Response register = api.postJson("/register",
                    "{\"username\":\"" + UserServiceTestSupport.uniqueName("down") + "\",\"password\":\"Test@123\"}", null);
            assertThat(register.status()).as(register.toString()).isEqualTo(503);
            assertThat(register.contentType()).startsWith("application/problem+json");
        } finally {
            POSTGRES.restore();
        }

        long deadline = System.nanoTime() + 30_000_000_000L;
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = api.get("/health", null).status();
            Thread.sleep(200);
        }
        assertThat(status).as("healthy again without a restart").isEqualTo(200);
        String name = UserServiceTestSupport.uniqueName("back");
        assertThat(api.postJson("/register", "{\"username\":\"" + name + "\",\"password\":\"Test@123\"}", null).status())
                .isEqualTo(201);
    }
}
