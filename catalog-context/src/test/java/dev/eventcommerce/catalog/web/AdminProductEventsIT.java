package dev.eventcommerce.catalog.web;

import static dev.eventcommerce.catalog.web.CatalogServiceTestSupport.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.catalog.api.ReleaseStock;
import dev.eventcommerce.catalog.api.ReserveStock;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TestTokens;
import java.util.List;
import java.util.stream.LongStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A product's event history for the shop's staff, from the event store, after deletion too, a page at a time. */
@CatalogServiceTest
class AdminProductEventsIT {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    final TestTokens accessTokens = TestTokens.shared();

    @Test
    void anAdminReadsEveryEventOfAProductWithWhoDidItEvenAfterItsDeletion() {
        ApiClient api = new ApiClient(port);
        String owner = accessTokens.issue(21, "owner", List.of("user")).token();
        String admin = accessTokens.issue(1, "admin", List.of("admin", "user")).token();
        long id = api.postJson("/products", product("Kettle", "20.00", 2), owner).json().get("id").asLong();
        assertThat(api.putJson("/products/" + id, "{\"price\":25.00}", owner).status()).isEqualTo(200);
        commands.sendAndWait(new ReserveStock(id, 9001, 2));
        commands.sendAndWait(new ReserveStock(id, 9002, 1));
        commands.sendAndWait(new ReleaseStock(id, 9001, "cancelled"));
        assertThat(api.delete("/products/" + id, admin).status()).isEqualTo(204);

        ApiClient.Response events = api.get("/admin/products/" + id + "/events", admin);

        assertThat(events.status()).isEqualTo(200);
        JsonNode entries = events.json();
        assertThat(entries.findValuesAsString("event_type")).containsExactly("ProductCreated", "ProductUpdated",
                "StockReserved", "StockReservationRejected", "StockReleased", "ProductDeleted");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            assertThat(entry.get("sequence").asLong()).isEqualTo(i);
            assertThat(entry.propertyNames()).containsExactlyInAnyOrder("sequence", "event_type", "timestamp",
                    "actor", "trace_id", "data");
            assertThat(entry.get("timestamp").asString()).isNotBlank();
            assertThat(entry.get("data").get("product_id").asLong()).isEqualTo(id);
        }
        assertThat(entries.get(0).get("actor").get("user_id").asLong()).isEqualTo(21);
        assertThat(entries.get(0).get("actor").get("username").asString()).isEqualTo("owner");
        assertThat(entries.get(0).get("data").get("name").asString()).isEqualTo("Kettle");
        assertThat(entries.get(1).get("data").get("price").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(entries.get(2).get("actor").isNull()).as("the system reserved it").isTrue();
        assertThat(entries.get(2).get("data").get("order_id").asLong()).isEqualTo(9001);
        assertThat(entries.get(5).get("actor").get("username").asString()).isEqualTo("admin");
        assertThat(api.get("/products/" + id, null).status()).as("deleted").isEqualTo(404);
    }

    @Test
    void onlyAnAdminReadsAProductsEventsAndAProductThatNeverExistedIs404() {
        ApiClient api = new ApiClient(port);
        String owner = accessTokens.issue(22, "owner", List.of("user")).token();
        String admin = accessTokens.issue(1, "admin", List.of("admin", "user")).token();
        long id = api.postJson("/products", product("Mug", "5.00", 1), owner).json().get("id").asLong();

        assertThat(api.get("/admin/products/" + id + "/events", null).status()).isEqualTo(401);
        ApiClient.Response notAdmin = api.get("/admin/products/" + id + "/events", owner);
        assertThat(notAdmin.status()).as("not even its owner").isEqualTo(403);
        assertThat(notAdmin.contentType()).startsWith("application/problem+json");
        ApiClient.Response unknown = api.get("/admin/products/987654321/events", admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aLongHistoryComesNewestPageFirstWithALinkToTheOlderOnes() {
        ApiClient api = new ApiClient(port);
        String owner = accessTokens.issue(23, "owner", List.of("user")).token();
        String admin = accessTokens.issue(1, "admin", List.of("admin", "user")).token();
        long id = api.postJson("/products", product("Teapot", "30.00", 100), owner).json().get("id").asLong();
        LongStream.rangeClosed(1, 6).forEach(order -> commands.sendAndWait(new ReserveStock(id, 9100 + order, 1)));

        ApiClient.Response newest = api.get("/admin/products/" + id + "/events?limit=4", admin);
        assertThat(newest.status()).isEqualTo(200);
        assertThat(newest.json().findValuesAsString("sequence")).containsExactly("3", "4", "5", "6");
        assertThat(newest.header("Link")).isEqualTo("</admin/products/" + id + "/events?before=3&limit=4>; rel=\"next\"");

        ApiClient.Response older = api.get("/admin/products/" + id + "/events?before=3&limit=4", admin);
        assertThat(older.json().findValuesAsString("sequence")).containsExactly("0", "1", "2");
        assertThat(older.json().get(0).get("event_type").asString()).isEqualTo("ProductCreated");
        assertThat(older.header("Link")).as("the first page has nothing older").isNull();

        for (String bad : List.of("limit=0", "limit=501", "limit=x", "before=0", "before=-1")) {
            ApiClient.Response refused = api.get("/admin/products/" + id + "/events?" + bad, admin);
            assertThat(refused.status()).as(bad).isBetween(400, 422);
            assertThat(refused.contentType()).as(bad).startsWith("application/problem+json");
        }
    }
}
