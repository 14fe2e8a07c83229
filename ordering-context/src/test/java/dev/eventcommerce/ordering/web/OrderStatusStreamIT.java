package dev.eventcommerce.ordering.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.testing.ApiClient;
import dev.eventcommerce.platform.testing.TestMessaging;
import dev.eventcommerce.platform.testing.TestTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The live status streams on the real PostgreSQL, RabbitMQ and Redis: catalog's answers are given as catalog
 * would ({@link OrderingTestSetup#answer}), so an order goes pending → confirmed or rejected as in production.
 * Heartbeats every 300 ms and token checks every 200 ms here, three streams per user.
 */
@OrderingServiceTest
class OrderStatusStreamIT {

    @LocalServerPort
    int port;
    @Autowired
    TestMessaging messaging;
    @Autowired
    RabbitAdmin rabbitAdmin;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    DataSource dataSource;
    @Value("${eventcommerce.auth.revocation-key}")
    String revocationKey;
    final TestTokens tokens = TestTokens.shared();
    ApiClient api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("eventcommerce.ordering.status-streams.per-user", () -> "3");
        registry.add("eventcommerce.ordering.status-streams.heartbeat", () -> "300ms");
        registry.add("eventcommerce.ordering.status-streams.check-interval", () -> "200ms");
    }

    @BeforeEach
    void bindTheBridgesQueues() {
        api = new ApiClient(port);
        // the order-created bridge publishes mandatory: queues bound for it keep it moving
        OrderingTestSetup.bindTestQueue(rabbitAdmin, messaging.orderExchange(), "order.created");
        OrderingTestSetup.bindTestQueue(rabbitAdmin, messaging.orderExchange(), "order.cancelled");
    }

    @Test
    void aShopperSeesItsOrderPendingThenConfirmedWithinASecondOfTheConfirmation() {
        String alice = tokens.issue(701, "alice", List.of("user")).token();
        long id = place(alice);

        try (StatusStreamClient stream = StatusStreamClient.open(port, "/orders/" + id + "/events", alice, null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            assertThat(stream.header("X-Accel-Buffering")).as("nginx passes frames on at once").isEqualTo("no");
            StatusStreamClient.Event current = stream.next();
            assertThat(current.name()).isEqualTo("status");
            assertThat(current.status()).isEqualTo("pending");
            assertThat(current.data().get("version").asLong()).isZero();
            assertThat(current.id()).matches("\\d+(_\\d+)*");

            OrderingTestSetup.answer(messaging, id, "stock.reserved", null);

            StatusStreamClient.Event confirmed = stream.next();
            Instant seen = Instant.now();
            assertThat(confirmed.name()).isEqualTo("status");
            assertThat(confirmed.status()).isEqualTo("confirmed");
            assertThat(confirmed.data().get("previous_status").asString()).isEqualTo("pending");
            assertThat(confirmed.data().get("reason").isNull()).isTrue();
            assertThat(confirmed.data().get("version").asLong()).isEqualTo(1);
            Instant stored = Instant.parse(confirmed.data().get("at").asString());
            assertThat(Duration.between(stored, seen)).as("from stored to seen").isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void theStreamOfAllTheCallersOrdersShowsOnlyTheirsWithARejectionsReason() {
        String bob = tokens.issue(711, "bob", List.of("user")).token();
        String carol = tokens.issue(712, "carol", List.of("user")).token();
        long older = place(bob);

        try (StatusStreamClient stream = StatusStreamClient.open(port, "/orders/events", bob, null)) {
            StatusStreamClient.Event current = stream.next();
            assertThat(current.orderId()).isEqualTo(older);
            assertThat(current.status()).isEqualTo("pending");

            long carols = place(carol);
            long newer = place(bob);
            OrderingTestSetup.answer(messaging, carols, "stock.reserved", null);
            OrderingTestSetup.answer(messaging, newer, "stock.rejected", "insufficient stock");

            StatusStreamClient.Event placed = stream.next();
            assertThat(placed.orderId()).isEqualTo(newer);
            assertThat(placed.status()).isEqualTo("pending");
            StatusStreamClient.Event rejected = stream.next();
            assertThat(rejected.orderId()).isEqualTo(newer);
            assertThat(rejected.status()).isEqualTo("rejected");
            assertThat(rejected.data().get("reason").asString()).isEqualTo("insufficient stock");
            assertThat(stream.next(Duration.ofMillis(700))).as("nothing of carol's").isNull();
        }
    }

    @Test
    void resumingWithTheLastEventIdGivesExactlyTheMissedChanges() {
        String dave = tokens.issue(721, "dave", List.of("user")).token();
        long id = place(dave);
        String lastId;
        String lastIdOfAll;
        try (StatusStreamClient one = StatusStreamClient.open(port, "/orders/" + id + "/events", dave, null);
             StatusStreamClient all = StatusStreamClient.open(port, "/orders/events", dave, null)) {
            lastId = one.next().id();
            lastIdOfAll = all.next().id();
        }

        OrderingTestSetup.answer(messaging, id, "stock.reserved", null);
        OrderingTestSetup.awaitStatus(api, dave, id, "confirmed");
        assertThat(api.putJson("/orders/" + id, "{\"status\":\"cancelled\"}", dave).status()).isEqualTo(200);
        long another = place(dave);

        try (StatusStreamClient one = StatusStreamClient.open(port, "/orders/" + id + "/events", dave, lastId);
             StatusStreamClient all = StatusStreamClient.open(port, "/orders/events", dave, lastIdOfAll)) {
            assertThat(List.of(one.next(), one.next())).extracting(StatusStreamClient.Event::status)
                    .containsExactly("confirmed", "cancelled");
            assertThat(List.of(all.next(), all.next(), all.next()))
                    .extracting(event -> event.orderId() + ":" + event.status())
                    .containsExactly(id + ":confirmed", id + ":cancelled", another + ":pending");
            OrderingTestSetup.sleep(500);
            assertThat(one.drained()).isEmpty();
            assertThat(all.drained()).isEmpty();
        }
        // an id from too long ago, or none of ours, starts with the current status instead
        try (StatusStreamClient stream = StatusStreamClient.open(port, "/orders/" + id + "/events", dave, "garbage")) {
            assertThat(stream.next().status()).isEqualTo("cancelled");
        }
    }

    /**
     * An event whose transaction commits after a later one (its index below one already told) is told live, and
     * not lost to a client that left in between: the id it resumes with names the index still open (with the
     * index alone as the id, it would be). The late event is written here as the event store would, in a
     * transaction held open meanwhile.
     */
    @Test
    void anEventCommittedLateBelowOneAlreadyToldIsToldLiveAndOnResuming() throws Exception {
        String kate = tokens.issue(781, "kate", List.of("user")).token();
        long late = place(kate);
        long other = place(kate);
        try (StatusStreamClient staying = StatusStreamClient.open(port, "/orders/events", kate, null)) {
            StatusStreamClient.Event cancelled;
            try (StatusStreamClient leaving = StatusStreamClient.open(port, "/orders/events", kate, null);
                 Connection held = dataSource.getConnection()) {
                for (StatusStreamClient stream : List.of(staying, leaving)) {
                    assertThat(List.of(stream.next().orderId(), stream.next().orderId())).containsExactly(late, other);
                }
                held.setAutoCommit(false);
                appendCancellation(held, late);
                assertThat(api.putJson("/orders/" + other, "{\"status\":\"cancelled\"}", kate).status()).isEqualTo(200);
                assertThat(staying.next().orderId()).isEqualTo(other);
                cancelled = leaving.next();
                assertThat(cancelled.orderId()).isEqualTo(other);
                assertThat(cancelled.id()).as("the open index is named").contains("_");
                leaving.close();
                held.commit();
            }

            StatusStreamClient.Event toldLive = staying.next();
            assertThat(toldLive.orderId()).isEqualTo(late);
            assertThat(toldLive.status()).isEqualTo("cancelled");
            try (StatusStreamClient resumed = StatusStreamClient.open(port, "/orders/events", kate, cancelled.id())) {
                StatusStreamClient.Event missed = resumed.next();
                assertThat(missed.orderId()).isEqualTo(late);
                assertThat(missed.status()).isEqualTo("cancelled");
                assertThat(resumed.next(Duration.ofMillis(500))).isNull();
            }
        }
    }

    /** The order's cancellation, appended as the event store would, in the connection's open transaction. */
    private static void appendCancellation(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                              payload, payloadtype, timestamp)
                SELECT aggregateidentifier, 1, type, gen_random_uuid()::text, metadata, convert_to(?, 'UTF8'),
                       'dev.eventcommerce.ordering.api.OrderStatusChanged',
                       to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0""")) {
            insert.setString(1, "{\"orderId\":" + orderId + ",\"from\":\"pending\",\"to\":\"cancelled\","
                    + "\"reason\":null,\"releasesStock\":false}");
            insert.setString(2, String.valueOf(orderId));
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void withoutAValidTokenItIs401AndAnotherUsersUnknownOrDeletedOrderIs404() {
        String erin = tokens.issue(731, "erin", List.of("user")).token();
        String frank = tokens.issue(732, "frank", List.of("user")).token();
        String admin = tokens.issue(733, "root", List.of("user", "admin")).token();
        long id = place(erin);
        long deleted = place(erin);
        assertThat(api.delete("/orders/" + deleted, erin).status()).isEqualTo(204);

        assertProblem(stream("/orders/" + id + "/events", null), 401);
        assertProblem(stream("/orders/events", "not-a-token"), 401);
        assertProblem(stream("/orders/" + id + "/events", frank), 404);
        assertProblem(stream("/orders/999999/events", erin), 404);
        assertProblem(stream("/orders/" + deleted + "/events", erin), 404);
        try (StatusStreamClient stream = StatusStreamClient.open(port, "/orders/" + id + "/events", admin, null)) {
            assertThat(stream.next().status()).isEqualTo("pending");
        }
    }

    @Test
    void aFourthStreamOfOneUserClosesItsOldestSayingWhy() {
        String gina = tokens.issue(741, "gina", List.of("user")).token();
        try (StatusStreamClient first = StatusStreamClient.open(port, "/orders/events", gina, null);
             StatusStreamClient second = StatusStreamClient.open(port, "/orders/events", gina, null);
             StatusStreamClient third = StatusStreamClient.open(port, "/orders/events", gina, null);
             StatusStreamClient fourth = StatusStreamClient.open(port, "/orders/events", gina, null)) {
            assertThat(List.of(first.status(), second.status(), third.status(), fourth.status())).containsOnly(200);

            StatusStreamClient.Event closed = first.next(Duration.ofSeconds(5));
            assertThat(closed).isNotNull();
            assertThat(closed.name()).isEqualTo("closed");
            assertThat(closed.data().get("reason").asString()).isEqualTo("replaced");
            assertThat(first.ended(Duration.ofSeconds(2))).isTrue();
            assertThat(second.ended(Duration.ofMillis(500))).as("the others stay open").isFalse();
        }
    }

    @Test
    void aStreamSendsHeartbeatsAndClosesWhenItsTokenExpiresSayingWhy() throws Exception {
        Instant now = Instant.now();
        String henry = tokens.builder(751, "henry", List.of("user"))
                .issuedAt(Date.from(now)).expiration(Date.from(now.plusSeconds(2))).compact();

        try (StatusStreamClient stream = StatusStreamClient.open(port, "/orders/events", henry, null)) {
            assertThat(stream.nextComment(Duration.ofSeconds(2))).isEqualTo("heartbeat");
            StatusStreamClient.Event closed = stream.next(Duration.ofSeconds(5));
            assertThat(closed).isNotNull();
            assertThat(closed.name()).isEqualTo("closed");
            assertThat(closed.data().get("reason").asString()).isEqualTo("token_expired");
            assertThat(stream.ended(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void aStreamClosesWhenItsUserIsDeactivatedSayingWhy() {
        String ivan = tokens.issue(761, "ivan", List.of("user")).token();
        long id = place(ivan);

        try (StatusStreamClient stream = StatusStreamClient.open(port, "/orders/" + id + "/events", ivan, null)) {
            assertThat(stream.next().status()).isEqualTo("pending");
            TestTokens.deactivate(redis, revocationKey, 761);

            StatusStreamClient.Event closed = stream.next(Duration.ofSeconds(5));
            assertThat(closed).isNotNull();
            assertThat(closed.name()).isEqualTo("closed");
            assertThat(closed.data().get("reason").asString()).isEqualTo("user_deactivated");
            assertThat(stream.ended(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void aDeletedOrdersStreamTellsOfTheDeletionAndEnds() {
        String judy = tokens.issue(771, "judy", List.of("user")).token();
        long id = place(judy);

        try (StatusStreamClient stream = StatusStreamClient.open(port, "/orders/" + id + "/events", judy, null)) {
            assertThat(stream.next().status()).isEqualTo("pending");
            assertThat(api.delete("/orders/" + id, judy).status()).isEqualTo(204);

            StatusStreamClient.Event deleted = stream.next();
            assertThat(deleted.name()).isEqualTo("deleted");
            assertThat(deleted.orderId()).isEqualTo(id);
            assertThat(deleted.status()).isNull();
            assertThat(deleted.data().get("version").asLong()).isEqualTo(1);
            assertThat(stream.ended(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void theOpenApiDescriptionGivesBothStreamsTheirMediaTypeHeaderAndRefusals() {
        JsonNode paths = api.get("/openapi.json", null).json().get("paths");
        for (String path : List.of("/orders/{id}/events", "/orders/events")) {
            JsonNode get = paths.get(path).get("get");
            assertThat(get.get("responses").get("200").get("content").has("text/event-stream")).as(path).isTrue();
            assertThat(List.of("401", "429")).allMatch(get.get("responses")::has);
            assertThat(get.get("parameters").findValuesAsString("name")).as(path).contains("Last-Event-ID");
        }
        assertThat(List.of("401", "404")).allMatch(paths.get("/orders/{id}/events").get("get").get("responses")::has);
    }

    private long place(String token) {
        ApiClient.Response placed = api.postJson("/orders", "{\"product_id\":1,\"quantity\":1}", token);
        assertThat(placed.status()).isEqualTo(201);
        return placed.json().get("id").asLong();
    }

    private ApiClient.Response stream(String path, String token) {
        return api.send(api.request(path, token).header("Accept", "text/event-stream").GET());
    }

    private static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }
}
