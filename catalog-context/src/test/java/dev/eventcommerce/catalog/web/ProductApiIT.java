package dev.eventcommerce.catalog.web;

import static dev.eventcommerce.catalog.web.CatalogServiceTestSupport.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.ApiClient;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The product API over real HTTP, against the real PostgreSQL and Redis on localhost. */
@CatalogServiceTest
class ProductApiIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StringRedisTemplate redis;
    final TestTokens accessTokens = TestTokens.shared();
    @Value("${eventcommerce.catalog.cache-key-prefix}")
    String prefix;

    ApiClient api;
    String token;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        token = accessTokens.issue(11, "tester", List.of("user")).token();
    }

    @Test
    void aCreatedProductIsReadBackAtOnceAndCachedWithATtl() {
        ApiClient.Response created = api.postJson("/products", product("Test Product", "99.99", 10), token);

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        long id = body.get("id").asLong();
        assertThat(body.get("name").asString()).isEqualTo("Test Product");
        assertThat(body.get("description").asString()).isEqualTo("made in a test");
        assertThat(body.get("price").decimalValue()).isEqualByComparingTo("99.99");
        assertThat(body.get("quantity").asInt()).isEqualTo(10);
        assertThat(body.get("created_at").asString()).isNotBlank();
        assertThat(body.get("updated_at").asString()).isNotBlank();

        ApiClient.Response read = api.get("/products/" + id, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(body);
        assertThat(redis.opsForValue().get(key(id))).contains("Test Product");
        assertThat(redis.getExpire(key(id), TimeUnit.SECONDS)).isBetween(1L, 300L);
    }

    @Test
    void aReadForAClientThatTakesNoJsonOrSendsAMalformedAcceptIs406() {
        long id = api.postJson("/products", product("Lamp", "9.99", 1), token).json().get("id").asLong();

        for (String accept : List.of("text/plain", "foo", "text/html;q=x/y")) {
            ApiClient.Response read = api.send(api.request("/products/" + id, null).header("Accept", accept).GET());
            assertThat(read.status()).as(accept).isEqualTo(406);
        }
        assertThat(api.send(api.request("/products/" + id, null).header("Accept", "application/json").GET()).status())
                .isEqualTo(200);
    }

    @Test
    void moneyStaysDecimalEndToEnd() {
        ApiClient.Response created = api.postJson("/products", product("Pen", "199.99", 3), token);
        long id = created.json().get("id").asLong();

        assertThat(created.body()).contains("\"price\":199.99");
        assertThat(jdbc.sql("SELECT price FROM products WHERE id = ?").param(id).query(BigDecimal.class).single())
                .isEqualTo(new BigDecimal("199.99"));
        ApiClient.Response wholeNumber = api.postJson("/products", product("Mug", "\"5\"", 3), token);
        assertThat(wholeNumber.body()).contains("\"price\":5.00");
        assertThat(wholeNumber.json().get("price").decimalValue()).isEqualTo(new BigDecimal("5.00"));
    }

    @Test
    void anUpdateIsVisibleAtOnceThroughTheCache() {
        long id = api.postJson("/products", product("Lamp", "19.99", 5), token).json().get("id").asLong();
        assertThat(api.get("/products/" + id, null).json().get("price").decimalValue()).isEqualByComparingTo("19.99");

        ApiClient.Response updated = api.putJson("/products/" + id, "{\"price\":17.5,\"quantity\":4}", token);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").asString()).isEqualTo("Lamp");
        assertThat(updated.json().get("price").decimalValue()).isEqualByComparingTo("17.50");
        JsonNode read = api.get("/products/" + id, null).json();
        assertThat(read.get("price").decimalValue()).isEqualByComparingTo("17.50");
        assertThat(read.get("quantity").asInt()).isEqualTo(4);
        assertThat(read.get("description").asString()).isEqualTo("made in a test");
        assertThat(redis.opsForValue().get(key(id))).contains("17.50");
    }

    @Test
    void aDeletedProductIs404AndItsCacheEntryIsGone() {
        long id = api.postJson("/products", product("Chair", "49.00", 2), token).json().get("id").asLong();
        api.get("/products/" + id, null);
        assertThat(redis.hasKey(key(id))).isTrue();

        ApiClient.Response deleted = api.delete("/products/" + id, token);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/products/" + id, null).status()).isEqualTo(404);
        assertThat(redis.hasKey(key(id))).isFalse();
        assertThat(api.get("/products", null).json().findValues("id").stream().map(JsonNode::asLong))
                .doesNotContain(id);
        assertThat(api.putJson("/products/" + id, "{\"price\":1}", token).status()).isEqualTo(404);
        assertThat(api.delete("/products/" + id, token).status()).isEqualTo(404);
        List<String> history = jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber").param(String.valueOf(id)).query(String.class).list();
        assertThat(history).containsExactly("dev.eventcommerce.catalog.api.ProductCreated",
                "dev.eventcommerce.catalog.api.ProductDeleted");
    }

    @Test
    void anotherUsersUpdateIs403AndThePriceStaysButAnAdminMayUpdateAnyProduct() {
        long id = api.postJson("/products", product("Owned lamp", "19.99", 5), token).json().get("id").asLong();
        String other = accessTokens.issue(12, "other", List.of("user")).token();
        long eventsBefore = eventCount();

        ApiClient.Response refused = api.putJson("/products/" + id, "{\"price\":1.00}", other);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("Product " + id).contains("owner");
        assertThat(eventCount()).isEqualTo(eventsBefore);
        assertThat(api.get("/products/" + id, null).json().get("price").decimalValue()).isEqualByComparingTo("19.99");
        String admin = accessTokens.issue(1, "admin", List.of("admin", "user")).token();
        ApiClient.Response byAdmin = api.putJson("/products/" + id, "{\"price\":18.00}", admin);
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().get("price").decimalValue()).isEqualByComparingTo("18.00");
        assertThat(byAdmin.json().has("owner_id")).as("the response keeps its shape").isFalse();
        assertThat(api.putJson("/products/" + id, "{\"price\":17.00}", token).status()).as("the owner still may")
                .isEqualTo(200);
    }

    @Test
    void anotherUsersDeleteIs403AndTheProductStaysButAnAdminMayDeleteIt() {
        long id = api.postJson("/products", product("Owned chair", "49.00", 2), token).json().get("id").asLong();
        String other = accessTokens.issue(12, "other", List.of("user")).token();
        long eventsBefore = eventCount();

        ApiClient.Response refused = api.delete("/products/" + id, other);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(eventCount()).isEqualTo(eventsBefore);
        assertThat(api.get("/products/" + id, null).status()).isEqualTo(200);
        String admin = accessTokens.issue(1, "admin", List.of("admin", "user")).token();
        assertThat(api.delete("/products/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get("/products/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void aProductStoredBeforeOwnersWereRecordedIsOwnedByNoOneSoOnlyAnAdminMayChangeIt() {
        long id = jdbc.sql("SELECT nextval('product_id_seq')").query(Long.class).single();
        String oldShape = "{\"productId\":" + id + ",\"name\":\"Old lamp\",\"description\":null,\"price\":9.99,"
                + "\"quantity\":3}";
        jdbc.sql("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, "
                        + "payload, payloadrevision, payloadtype, timestamp) VALUES (?, 0, 'Product', ?, ?, ?, NULL, ?, ?)")
                .params(String.valueOf(id), java.util.UUID.randomUUID().toString(), "{}".getBytes(),
                        oldShape.getBytes(), "dev.eventcommerce.catalog.api.ProductCreated", java.time.Instant.now().toString())
                .update();
        awaitProduct(id);
        long eventsBefore = eventCount();

        ApiClient.Response update = api.putJson("/products/" + id, "{\"price\":1.00}", token);
        ApiClient.Response delete = api.delete("/products/" + id, token);

        assertThat(update.status()).isEqualTo(403);
        assertThat(update.json().get("detail").asString()).contains("no recorded owner");
        assertThat(delete.status()).isEqualTo(403);
        assertThat(eventCount()).isEqualTo(eventsBefore);
        assertThat(api.get("/products/" + id, null).json().get("price").decimalValue()).isEqualByComparingTo("9.99");
        String admin = accessTokens.issue(1, "admin", List.of("admin", "user")).token();
        ApiClient.Response byAdmin = api.putJson("/products/" + id, "{\"price\":8.50}", admin);
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().get("price").decimalValue()).isEqualByComparingTo("8.50");
        assertThat(api.delete("/products/" + id, admin).status()).isEqualTo(204);
    }

    @Test
    void theListIsPublicPagedAndInIdOrder() {
        for (int i = 0; i < 3; i++) {
            api.postJson("/products", product("Listed " + i, "1.00", i), token);
        }

        List<Long> all = api.get("/products", null).json().findValues("id").stream().map(JsonNode::asLong).toList();
        assertThat(all).isSorted().hasSizeGreaterThanOrEqualTo(3);
        List<Long> page = api.get("/products?skip=1&limit=2", null).json().findValues("id").stream()
                .map(JsonNode::asLong).toList();
        assertThat(page).containsExactly(all.get(1), all.get(2));
        assertThat(api.get("/products?limit=0", null).status()).isEqualTo(422);
        assertThat(api.get("/products?limit=101", null).status()).isEqualTo(422);
        assertThat(api.get("/products?skip=-1", null).status()).isEqualTo(422);
    }

    @Test
    void invalidProductsAre422ProblemsAndChangeNothing() {
        long id = api.postJson("/products", product("Stable", "10.00", 1), token).json().get("id").asLong();
        long eventsBefore = eventCount();
        for (String body : List.of(
                product("", "1.00", 1),
                product("x".repeat(256), "1.00", 1),
                "{\"name\":\"A\",\"description\":\"" + "d".repeat(1001) + "\",\"price\":1,\"quantity\":1}",
                product("A", "0", 1),
                product("A", "-5", 1),
                product("A", "1.001", 1),
                product("A", "1e12", 1),
                product("A", "1.00", -1),
                "{\"name\":\"A\",\"price\":1.00,\"quantity\":1.5}",
                "{\"name\":\"A\",\"price\":1.00,\"quantity\":99999999999}",
                "{\"name\":\"A\",\"price\":1.00}",
                "{\"name\":\"A\",\"price\":1.00,\"quantity\":1,\"stock\":5}")) {
            ApiClient.Response response = api.postJson("/products", body, token);
            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        for (String body : List.of("{\"price\":0}", "{\"name\":\" \"}", "{\"quantity\":-1}", "{\"price\":\"abc\"}")) {
            ApiClient.Response response = api.putJson("/products/" + id, body, token);
            assertThat(response.status()).as(body).isEqualTo(422);
        }
        assertThat(api.postJson("/products", "{\"name\":", token).status()).isEqualTo(400);
        assertThat(api.get("/products/abc", null).status()).isEqualTo(400);
        assertThat(api.get("/products/99999999999999999999", null).status()).isEqualTo(400);
        assertThat(api.get("/products/-1", null).status()).isEqualTo(404);
        assertThat(eventCount()).isEqualTo(eventsBefore);
        assertThat(api.get("/products/" + id, null).json().get("name").asString()).isEqualTo("Stable");
    }

    @Test
    void sqlAndScriptLookingAndNonAsciiTextIsStoredAndReturnedVerbatim() {
        List<String> names = List.of("'; DROP TABLE products; --", "<script>alert(1)</script>",
                "Crème brûlée 漢字 🚀", "Robert'); DELETE FROM domainevententry;--");
        for (String name : names) {
            String body = "{\"name\":" + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(name)
                    + ",\"description\":\"%s OR 1=1\",\"price\":1.00,\"quantity\":1}";
            ApiClient.Response created = api.postJson("/products", body, token);
            assertThat(created.status()).as(name).isEqualTo(201);

            JsonNode read = api.get("/products/" + created.json().get("id").asLong(), null).json();

            assertThat(read.get("name").asString()).isEqualTo(name);
            assertThat(read.get("description").asString()).isEqualTo("%s OR 1=1");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM products").query(Long.class).single()).isPositive();
        assertThat(eventCount()).isPositive();
    }

    @Test
    void writesNeedAValidTokenVerifiedLocally() {
        long id = api.postJson("/products", product("Guarded", "10.00", 1), token).json().get("id").asLong();
        long eventsBefore = eventCount();

        assertThat(api.postJson("/products", product("Unauthorized", "10", 1), null).status()).isEqualTo(401);
        assertThat(api.putJson("/products/" + id, "{\"price\":1}", null).status()).isEqualTo(401);
        assertThat(api.delete("/products/" + id, null).status()).isEqualTo(401);
        assertThat(api.postJson("/products", product("Forged", "10", 1), token + "x").status()).isEqualTo(401);
        assertThat(eventCount()).isEqualTo(eventsBefore);
        assertThat(api.get("/products/" + id, null).status()).as("reads stay public").isEqualTo(200);
    }

    @Test
    void cacheHitsAndMissesAreCounted() {
        long id = api.postJson("/products", product("Counted", "3.00", 1), token).json().get("id").asLong();
        redis.delete(key(id));
        double misses = counter("miss");
        double hits = counter("hit");

        api.get("/products/" + id, null);
        api.get("/products/" + id, null);

        assertThat(counter("miss")).isEqualTo(misses + 1);
        assertThat(counter("hit")).isEqualTo(hits + 1);
    }

    @Test
    void healthShowsTheDatabaseAndRedis() {
        JsonNode health = api.get("/health", null).json();

        assertThat(health.get("status").asString()).isEqualTo("healthy");
        assertThat(health.get("database").asString()).isEqualTo("connected");
        assertThat(health.get("redis").asString()).isEqualTo("connected");
        assertThat(api.get("/openapi.json", null).json().get("paths").has("/products/{id}")).isTrue();
    }

    private double counter(String result) {
        return api.get("/actuator/prometheus", null).body().lines()
                .filter(line -> line.startsWith("product_cache_requests_total{") && line.contains("result=\"" + result + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private void awaitProduct(long id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (api.get("/products/" + id, null).status() != 200) {
            assertThat(System.nanoTime()).as("product " + id + " projected").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String key(long id) {
        return prefix + "product:" + id;
    }

    private long eventCount() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }
}
