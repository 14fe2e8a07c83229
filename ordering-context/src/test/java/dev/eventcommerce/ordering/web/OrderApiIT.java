package dev.eventcommerce.ordering.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TestMessaging;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The order API over real HTTP, against the real PostgreSQL and RabbitMQ, with the catalog stubbed. */
@OrderingServiceTest
class OrderApiIT {

    @Autowired
    TestMessaging messaging;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    final TestTokens accessTokens = TestTokens.shared();
    @Autowired
    RabbitAdmin rabbitAdmin;
    @Autowired
    RabbitTemplate rabbit;

    ApiClient api;
    String alice;
    String bob;
    String admin;
    Queue published;
    Queue releases;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        alice = accessTokens.issue(101, "alice", List.of("user")).token();
        bob = accessTokens.issue(102, "bob", List.of("user")).token();
        admin = accessTokens.issue(1, "admin", List.of("admin", "user")).token();
        published = OrderingTestSetup.bindTestQueue(rabbitAdmin, messaging.orderExchange());
        // a release request nobody is bound for would hold up the bridge, and every message after it
        releases = OrderingTestSetup.bindTestQueue(rabbitAdmin, messaging.orderExchange(), "order.cancelled");
    }

    @Test
    void placingAnOrderAnswers201PricedInDecimalsWithAnETag() {
        ApiClient.Response placed = place(alice, 1, 2);

        assertThat(placed.status()).isEqualTo(201);
        JsonNode order = placed.json();
        assertThat(order.get("user_id").asLong()).isEqualTo(101);
        assertThat(order.get("product_id").asLong()).isEqualTo(1);
        assertThat(order.get("product_name").asString()).isEqualTo("Integration Test Product");
        assertThat(order.get("quantity").asInt()).isEqualTo(2);
        assertThat(order.get("unit_price").decimalValue()).isEqualTo(new BigDecimal("199.99"));
        assertThat(order.get("total_price").decimalValue()).isEqualTo(new BigDecimal("399.98"));
        assertThat(placed.body()).contains("\"total_price\":399.98");
        assertThat(order.get("status").asString()).isEqualTo("pending");
        assertThat(order.has("status_reason")).isTrue();
        assertThat(order.get("status_reason").isNull()).isTrue();
        assertThat(order.get("created_at").asString()).isNotBlank();
        assertThat(placed.header("ETag")).isEqualTo("\"0\"");

        ApiClient.Response read = api.get("/orders/" + order.get("id").asLong(), alice);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(order);
    }

    @Test
    void everyPlacedOrderIsPublishedAsTheSeedsMessageWithTheEventIdAsMessageId() {
        long id = place(alice, 1, 2).json().get("id").asLong();

        Message message = receiveFor(id);

        assertThat(message).as("order-created message for order " + id).isNotNull();
        String eventId = jdbc.sql("SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND sequencenumber = 0").param(String.valueOf(id)).query(String.class).single();
        assertThat(message.getMessageProperties().getMessageId()).isEqualTo(eventId);
        assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
        JsonNode body = JsonMapper.builder().build().readTree(message.getBody());
        assertThat(body.get("event").asString()).isEqualTo("order.created");
        JsonNode data = body.get("data");
        assertThat(data.propertyNames()).containsExactlyInAnyOrder("order_id", "user_id", "product_id", "product_name",
                "quantity", "unit_price", "total_price", "status", "created_at");
        assertThat(data.get("total_price").decimalValue()).isEqualByComparingTo("399.98");
        assertThat(data.get("status").asString()).isEqualTo("pending");
    }

    @Test
    void refusedOrdersStoreNoEvent() {
        long before = eventCount();

        ApiClient.Response unknown = place(alice, 404, 1);
        ApiClient.Response zero = place(alice, 1, 0);
        ApiClient.Response noProduct = api.postJson("/orders", "{\"quantity\":1}", alice);
        ApiClient.Response noToken = api.postJson("/orders", "{\"product_id\":1,\"quantity\":1}", null);

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(zero.status()).isEqualTo(422);
        assertThat(noProduct.status()).isEqualTo(422);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aCustomerSeesOnlyItsOwnOrdersNewestFirst() {
        long first = place(alice, 1, 1).json().get("id").asLong();
        long second = place(alice, 1, 1).json().get("id").asLong();
        long bobs = place(bob, 1, 1).json().get("id").asLong();

        List<Long> alices = ids(api.get("/orders", alice).json());
        assertThat(alices).containsSubsequence(second, first).doesNotContain(bobs);
        assertThat(alices.indexOf(second)).isLessThan(alices.indexOf(first));
        assertThat(api.get("/orders?skip=0&limit=1", alice).json().size()).isEqualTo(1);

        ApiClient.Response peek = api.get("/orders/" + bobs, alice);
        assertThat(peek.status()).isEqualTo(404);
        assertThat(peek.body()).doesNotContain("bob").doesNotContain("\"user_id\"");
        assertThat(api.get("/orders/" + bobs + "/history", alice).status()).isEqualTo(404);
        assertThat(api.putJson("/orders/" + bobs, "{\"status\":\"cancelled\"}", alice).status()).isEqualTo(404);
        assertThat(api.delete("/orders/" + bobs, alice).status()).isEqualTo(404);
        assertThat(api.get("/orders/" + bobs, admin).status()).as("an admin sees every order").isEqualTo(200);
    }

    @Test
    void anOrderForMoreThanTheCatalogShowsIsAcceptedPendingTheProductDecides() {
        ApiClient.Response placed = place(alice, 1, 6);

        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("status").asString()).isEqualTo("pending");
    }

    @Test
    void statusChangesFollowTheLifecycle() {
        long id = place(alice, 1, 1).json().get("id").asLong();

        assertThat(status(id, "shipped", admin, null).status()).isEqualTo(409);
        for (String token : List.of(alice, admin)) {
            for (String target : List.of("confirmed", "rejected")) {
                ApiClient.Response refused = status(id, target, token, null);
                assertThat(refused.status()).as("only the stock reservation confirms or rejects").isEqualTo(409);
                assertThat(refused.contentType()).startsWith("application/problem+json");
            }
        }
        JsonNode confirmed = confirmByCatalog(id);
        assertThat(confirmed.get("version").asLong()).isEqualTo(1);
        assertThat(api.get("/orders/" + id, alice).header("ETag")).isEqualTo("\"1\"");
        assertThat(status(id, "confirmed", admin, null).status()).isEqualTo(409);
        assertThat(status(id, "shipped", alice, null).status()).as("only the shop ships").isEqualTo(403);
        assertThat(status(id, "shipped", admin, null).status()).isEqualTo(200);
        assertThat(status(id, "cancelled", alice, null).status()).isEqualTo(409);
        assertThat(status(id, "delivered", admin, null).status()).isEqualTo(200);
        assertThat(status(id, "unknown", admin, null).status()).isEqualTo(422);
        assertThat(api.get("/orders/" + id, alice).json().get("status").asString()).isEqualTo("delivered");
    }

    @Test
    void catalogsRejectionShowsItsReasonAndIsFinal() {
        long id = place(alice, 1, 2).json().get("id").asLong();

        OrderingTestSetup.answer(messaging, id, "stock.rejected", "insufficient stock");

        JsonNode rejected = awaitStatus(id, "rejected");
        assertThat(rejected.get("status_reason").asString()).isEqualTo("insufficient stock");
        OrderingTestSetup.answer(messaging, id, "stock.reserved", null);
        OrderingTestSetup.answer(messaging, id, "stock.rejected", "insufficient stock");
        assertThat(status(id, "cancelled", alice, null).status()).as("rejected is final").isEqualTo(409);
        JsonNode history = awaitHistory(id, 2);
        assertThat(history.size()).as("a late or repeated answer records nothing").isEqualTo(2);
        assertThat(history.get(1).get("data").get("to").asString()).isEqualTo("rejected");
        assertThat(history.get(1).get("data").get("reason").asString()).isEqualTo("insufficient stock");
        assertThat(history.get(1).get("data").get("releases_stock").asBoolean()).isFalse();
        assertThat(api.get("/orders/" + id, alice).json().get("status").asString()).isEqualTo("rejected");
    }

    @Test
    void cancellingAnOrderThatMayHoldStockAsksCatalogToReleaseIt() {
        long pending = place(alice, 1, 2).json().get("id").asLong();
        long confirmed = place(alice, 1, 3).json().get("id").asLong();
        confirmByCatalog(confirmed);

        assertThat(status(pending, "cancelled", alice, null).status()).isEqualTo(200);
        assertThat(status(confirmed, "cancelled", alice, null).status()).isEqualTo(200);

        JsonNode first = releaseFor(releases, pending);
        assertThat(first.get("event").asString()).isEqualTo("order.cancelled");
        assertThat(first.get("data").get("product_id").asLong()).isEqualTo(1);
        assertThat(first.get("data").get("quantity").asInt()).isEqualTo(2);
        assertThat(releaseFor(releases, confirmed).get("data").get("quantity").asInt()).isEqualTo(3);
        assertThat(api.get("/orders/" + confirmed + "/history", alice).json().get(2).get("data")
                .get("releases_stock").asBoolean()).isTrue();
    }

    @Test
    void deletingAPendingOrderAsksCatalogToReleaseItsStock() {
        long id = place(alice, 1, 5).json().get("id").asLong();

        assertThat(api.delete("/orders/" + id, alice).status()).isEqualTo(204);

        JsonNode release = releaseFor(releases, id);
        assertThat(release.get("data").get("quantity").asInt()).isEqualTo(5);
        assertThat(release.get("data").get("reason").asString()).isEqualTo("deleted");
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        long id = place(alice, 1, 1).json().get("id").asLong();
        confirmByCatalog(id);

        ApiClient.Response stale = status(id, "cancelled", alice, "\"0\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/orders/" + id, alice).json().get("status").asString()).isEqualTo("confirmed");
        assertThat(status(id, "cancelled", alice, "\"1\"").status()).isEqualTo(200);
        assertThat(status(id, "cancelled", alice, "not-an-etag").status()).isEqualTo(400);
    }

    @Test
    void aDeletedOrderReads404ButItsHistoryStaysWithEveryActor() {
        long id = place(alice, 1, 1).json().get("id").asLong();
        confirmByCatalog(id);
        assertThat(status(id, "cancelled", alice, null).status()).isEqualTo(200);

        assertThat(api.delete("/orders/" + id, admin).status()).isEqualTo(204);

        assertThat(api.get("/orders/" + id, alice).status()).isEqualTo(404);
        assertThat(ids(api.get("/orders", alice).json())).doesNotContain(id);
        ApiClient.Response history = api.get("/orders/" + id + "/history", admin);
        assertThat(history.status()).isEqualTo(200);
        JsonNode entries = history.json();
        assertThat(entries.findValuesAsString("event_type"))
                .containsExactly("OrderPlaced", "OrderStatusChanged", "OrderStatusChanged", "OrderDeleted");
        assertThat(entries.get(0).get("sequence").asLong()).isZero();
        assertThat(entries.get(0).get("actor").get("username").asString()).isEqualTo("alice");
        assertThat(entries.get(1).get("data").get("to").asString()).as("confirmed by the process").isEqualTo("confirmed");
        assertThat(entries.get(1).get("actor").isNull()).as("no person confirmed it").isTrue();
        assertThat(entries.get(2).get("actor").get("user_id").asLong()).isEqualTo(101);
        assertThat(entries.get(2).get("data").get("to").asString()).isEqualTo("cancelled");
        assertThat(entries.get(3).get("actor").get("username").asString()).isEqualTo("admin");
        assertThat(entries.get(3).get("actor").get("user_id").asLong()).isEqualTo(1);
        assertThat(entries.get(0).get("timestamp").asString()).isNotBlank();
        assertThat(api.get("/orders/" + id + "/history", alice).status()).isEqualTo(200);
        assertThat(api.get("/orders/" + id + "/history", bob).status()).isEqualTo(404);
        assertThat(api.get("/orders/987654/history", admin).status()).isEqualTo(404);
    }

    @Test
    void aCustomersHistoryShowsTheShopNotTheAdminAsTheActorOfShopSideChanges() {
        long id = place(alice, 1, 1).json().get("id").asLong();
        confirmByCatalog(id);
        assertThat(status(id, "shipped", admin, null).status()).isEqualTo(200);
        assertThat(status(id, "delivered", admin, null).status()).isEqualTo(200);

        ApiClient.Response asCustomer = api.get("/orders/" + id + "/history", alice);

        assertThat(asCustomer.status()).isEqualTo(200);
        JsonNode entries = asCustomer.json();
        assertThat(entries.size()).isEqualTo(4);
        assertThat(entries.get(0).get("actor").get("user_id").asLong()).as("the customer sees itself").isEqualTo(101);
        assertThat(entries.get(0).get("actor").get("username").asString()).isEqualTo("alice");
        for (int i = 1; i < 4; i++) {
            JsonNode actor = entries.get(i).get("actor");
            assertThat(actor.propertyNames()).as("entry " + i).containsExactlyInAnyOrder("user_id", "username");
            assertThat(actor.get("user_id").isNull()).as("entry " + i).isTrue();
            assertThat(actor.get("username").asString()).as("entry " + i).isEqualTo("shop");
        }
        assertThat(asCustomer.body()).doesNotContain("\"admin\"");
        JsonNode asAdmin = api.get("/orders/" + id + "/history", admin).json();
        assertThat(asAdmin.get(1).get("actor").isNull()).as("the system confirmed it").isTrue();
        for (int i = 2; i < 4; i++) {
            assertThat(asAdmin.get(i).get("actor").get("username").asString()).isEqualTo("admin");
            assertThat(asAdmin.get(i).get("actor").get("user_id").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aCustomerCannotDeleteAShippedOrDeliveredOrderButTheShopCan() {
        long shipped = place(alice, 1, 1).json().get("id").asLong();
        confirmByCatalog(shipped);
        assertThat(status(shipped, "shipped", admin, null).status()).isEqualTo(200);
        long delivered = place(alice, 1, 1).json().get("id").asLong();
        confirmByCatalog(delivered);
        assertThat(status(delivered, "shipped", admin, null).status()).isEqualTo(200);
        assertThat(status(delivered, "delivered", admin, null).status()).isEqualTo(200);
        long before = eventCount();

        for (long id : List.of(shipped, delivered)) {
            ApiClient.Response refused = api.delete("/orders/" + id, alice);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asString()).contains("Order " + id).contains("shop");
        }

        assertThat(eventCount()).isEqualTo(before);
        assertThat(api.get("/orders/" + shipped, alice).json().get("status").asString()).isEqualTo("shipped");
        assertThat(api.get("/orders/" + delivered, alice).json().get("status").asString()).isEqualTo("delivered");
        assertThat(api.delete("/orders/" + delivered, admin).status()).as("an admin may").isEqualTo(204);
        assertThat(api.get("/orders/" + delivered, alice).status()).isEqualTo(404);
    }

    @Test
    void anOrderAboveTheQuantityCapIs422AndStoresNoEvent() {
        long before = eventCount();

        ApiClient.Response tooMany = place(alice, 1, 101);

        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.contentType()).startsWith("application/problem+json");
        assertThat(tooMany.json().get("detail").asString()).contains("at most 100");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(place(alice, 1, 100).status()).as("the cap itself is allowed").isEqualTo(201);
    }

    @Test
    void fiftyConcurrentConflictingChangesLetExactlyTheLegalOneWin() throws Exception {
        // from confirmed, shipped and cancelled are both legal, and each rules the other out
        long id = place(alice, 1, 1).json().get("id").asLong();
        confirmByCatalog(id);
        int clients = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String target = i % 2 == 0 ? "shipped" : "cancelled";
            answers.add(pool.submit(() -> {
                start.await();
                return status(id, target, admin, null).status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> Set.of(409, 412).contains(s)).hasSize(clients - 1);
        JsonNode history = api.get("/orders/" + id + "/history", alice).json();
        assertThat(history.size()).as("placed, confirmed and exactly one winner").isEqualTo(3);
        String winner = history.get(2).get("data").get("to").asString();
        assertThat(winner).isIn("shipped", "cancelled");
        assertThat(api.get("/orders/" + id, alice).json().get("status").asString()).isEqualTo(winner);
    }

    @Test
    void badPathIdsAndQueryValuesAreClear4xxProblems() {
        for (String path : List.of("/orders/abc", "/orders/99999999999999999999", "/orders/1.5",
                "/orders/abc/history", "/orders?limit=abc", "/orders?limit=0", "/orders?skip=-1")) {
            ApiClient.Response response = api.get(path, alice);
            assertThat(response.status()).as(path).isIn(400, 422);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        }
        assertThat(api.get("/orders/-1", alice).status()).isEqualTo(404);
        assertThat(api.get("/orders/0/history", alice).status()).isEqualTo(404);
        assertThat(api.putJson("/orders/abc", "{\"status\":\"cancelled\"}", alice).status()).isEqualTo(400);
        assertThat(api.delete("/orders/99999999999999999999", alice).status()).isEqualTo(400);
        assertThat(api.postJson("/orders", "{\"product_id\":\"1; DROP TABLE orders\",\"quantity\":1}", alice).status())
                .isEqualTo(422);
        assertThat(api.postJson("/orders", "{\"product_id\":1,\"quantity\":99999999999}", alice).status())
                .isEqualTo(422);
        assertThat(api.postJson("/orders", "{\"product_id\":1,\"quantity\":-2}", alice).status()).isEqualTo(422);
    }

    @Test
    void healthShowsTheDatabaseAndRabbitMq() {
        JsonNode health = api.get("/health", null).json();

        assertThat(health.get("database").asString()).isEqualTo("connected");
        assertThat(health.get("rabbitmq").asString()).isEqualTo("connected");
    }

    private Message receiveFor(long orderId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Message message = rabbit.receive(published.getName(), 500);
            if (message != null && new String(message.getBody()).contains("\"order_id\":" + orderId + ",")) {
                return message;
            }
        }
        return null;
    }

    /** Catalog's reservation, as its stock bridge publishes it; waits until the order reads confirmed. */
    private JsonNode confirmByCatalog(long id) {
        OrderingTestSetup.answer(messaging, id, "stock.reserved", null);
        return awaitStatus(id, "confirmed");
    }

    private JsonNode awaitStatus(long id, String status) {
        return OrderingTestSetup.awaitStatus(api, admin, id, status);
    }

    private JsonNode awaitHistory(long id, int entries) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        JsonNode history = api.get("/orders/" + id + "/history", admin).json();
        while (history.size() < entries && System.nanoTime() < deadline) {
            sleep(50);
            history = api.get("/orders/" + id + "/history", admin).json();
        }
        sleep(1000);
        return api.get("/orders/" + id + "/history", admin).json();
    }

    private JsonNode releaseFor(Queue queue, long orderId) {
        return OrderingTestSetup.receiveFor(rabbit, queue, orderId);
    }

    private static void sleep(long millis) {
        OrderingTestSetup.sleep(millis);
    }

    private ApiClient.Response place(String token, long productId, int quantity) {
        return api.postJson("/orders", "{\"product_id\":" + productId + ",\"quantity\":" + quantity + "}", token);
    }

    private ApiClient.Response status(long id, String status, String token, String ifMatch) {
        HttpRequest.Builder request = api.request("/orders/" + id, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\"}"));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return api.send(request);
    }

    private static List<Long> ids(JsonNode orders) {
        return orders.findValues("id").stream().map(JsonNode::asLong).toList();
    }

    private long eventCount() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }
}
