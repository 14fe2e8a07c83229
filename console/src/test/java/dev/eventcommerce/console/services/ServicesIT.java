package dev.eventcommerce.console.services;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.eventcommerce.console.ConsoleBrowser;
import dev.eventcommerce.console.ConsoleTest;
import dev.eventcommerce.console.ConsoleTestServices;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ConsoleTest
class ServicesIT {

    private static final WireMockServer ORDERING_1 = ConsoleTestServices.ORDERING_1;
    private static final WireMockServer ORDERING_2 = ConsoleTestServices.ORDERING_2;

    @LocalServerPort
    int port;

    private ConsoleBrowser browser;

    @BeforeEach
    void logIn() {
        List.of(ConsoleTestServices.USER, ConsoleTestServices.CATALOG, ORDERING_1, ORDERING_2,
                ConsoleTestServices.NOTIFICATION).forEach(WireMockServer::resetAll);
        browser = new ConsoleBrowser(port).loggedInAsAdmin();
    }

    /** What an ordering instance answers: order-view with one of its two segments claimed, and the bridge. */
    private static String processorsOf(String instance, int claimedSegment, long position) {
        String segments = "[" + segment(0, claimedSegment == 0, position) + "," + segment(1, claimedSegment == 1, position)
                + "]";
        return "[{\"name\":\"order-bridge\",\"instance\":\"" + instance + "\",\"running\":true,\"replaying\":false,"
                + "\"replayable\":false,\"segments\":[" + segment(0, claimedSegment == 0, 120) + "],\"position\":120,"
                + "\"head\":130,\"lag\":10,\"replay_progress\":null},"
                + "{\"name\":\"order-view\",\"instance\":\"" + instance + "\",\"running\":true,\"replaying\":false,"
                + "\"replayable\":true,\"segments\":" + segments + ",\"position\":" + position + ",\"head\":130,"
                + "\"lag\":" + (130 - position) + ",\"replay_progress\":null,\"some_new_field\":1}]";
    }

    private static String segment(int number, boolean claimed, long position) {
        return "{\"segment\":" + number + ",\"claimed\":" + claimed + ",\"owner\":\"" + (number == 0 ? "a@1" : "b@2")
                + "\",\"position\":" + (claimed ? position : null) + ",\"replaying\":false,\"caught_up\":true,"
                + "\"error\":" + (claimed && number == 1 ? "\"java.lang.IllegalStateException: boom\"" : null) + "}";
    }

    @Test
    void processorsOfEveryInstanceAreMergedAndAnInstanceThatDoesNotAnswerIsShownDown() {
        ORDERING_1.stubFor(get(urlEqualTo("/admin/processors")).willReturn(okJson(processorsOf("a@1", 0, 125))));
        ORDERING_2.stubFor(get(urlEqualTo("/admin/processors")).willReturn(okJson(processorsOf("b@2", 1, 110))));
        ConsoleTestServices.NOTIFICATION.stubFor(get(urlEqualTo("/admin/processors")).willReturn(notFound()));

        JsonNode services = browser.get("/console/api/processors").json();

        JsonNode ordering = service(services, "ordering");
        assertThat(ordering.get("has_processors").asBoolean()).isTrue();
        assertThat(ordering.get("instances").valueStream().map(i -> i.get("up").asBoolean()).toList())
                .containsExactly(true, true, false);
        assertThat(ordering.get("instances").get(2).get("url").asString()).isEqualTo(ConsoleTestServices.ORDERING_DOWN);
        assertThat(ordering.get("instances").get(2).get("error").asString()).contains("not reachable");
        JsonNode view = processor(ordering, "order-view");
        assertThat(view.get("segments").size()).isEqualTo(2);
        assertThat(view.get("segments").get(0).get("claimed_by").asString()).isEqualTo(ORDERING_1.baseUrl());
        assertThat(view.get("segments").get(0).get("owner").asString()).isEqualTo("a@1");
        assertThat(view.get("segments").get(1).get("claimed_by").asString()).isEqualTo(ORDERING_2.baseUrl());
        assertThat(view.get("position").asLong()).isEqualTo(110);
        assertThat(view.get("head").asLong()).isEqualTo(130);
        assertThat(view.get("lag").asLong()).isEqualTo(20);
        assertThat(view.get("errors").get(0).asString()).contains("segment 1").contains("boom");
        assertThat(view.get("replayable").asBoolean()).isTrue();
        assertThat(view.get("instances").size()).isEqualTo(2);
        JsonNode bridge = processor(ordering, "order-bridge");
        assertThat(bridge.get("replayable").asBoolean()).isFalse();
        assertThat(bridge.get("not_replayable_because").asString()).contains("publishes messages");
        JsonNode notification = service(services, "notification");
        assertThat(notification.get("has_processors").asBoolean()).isFalse();
        assertThat(notification.get("note").asString()).contains("no event processors");
        assertThat(notification.get("processors").size()).isZero();
        JsonNode catalog = service(services, "catalog");
        assertThat(catalog.get("instances").get(0).get("up").asBoolean()).isTrue();
    }

    @Test
    void aReplayGoesToAnInstanceAndItsAnswerComesBack() {
        ORDERING_1.stubFor(post(urlEqualTo("/admin/processors/order-view/replay")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{\"name\":\"order-view\",\"replaying\":true}")));
        ORDERING_1.stubFor(post(urlEqualTo("/admin/processors/order-bridge/replay")).willReturn(aResponse()
                .withStatus(409).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":409,\"detail\":\"order-bridge has effects outside its read model\"}")));

        ConsoleBrowser.Response replay = browser.post("/console/api/processors/ordering/order-view/replay", null);
        ConsoleBrowser.Response refused = browser.post("/console/api/processors/ordering/order-bridge/replay", null);

        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().get("replaying").asBoolean()).isTrue();
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("effects outside its read model");
        ORDERING_1.verify(postRequestedFor(urlEqualTo("/admin/processors/order-view/replay"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));
        assertThat(browser.post("/console/api/processors/nosuch/order-view/replay", null).status()).isEqualTo(404);
    }

    @Test
    void healthShowsEveryInstanceAndTheConsoleItself() {
        ORDERING_1.stubFor(get(urlEqualTo("/health")).willReturn(okJson(
                "{\"status\":\"healthy\",\"service\":\"ordering-service\",\"database\":\"connected\",\"redis\":\"connected\"}")));
        ORDERING_2.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"unhealthy\",\"database\":\"disconnected\"}")));

        JsonNode health = browser.get("/console/api/health").json();

        JsonNode ordering = service(health, "ordering");
        assertThat(ordering.get("up").asBoolean()).isTrue();
        assertThat(ordering.get("instances").get(0).get("dependencies").get("database").asString()).isEqualTo("connected");
        assertThat(ordering.get("instances").get(1).get("up").asBoolean()).isFalse();
        assertThat(ordering.get("instances").get(1).get("status").asString()).isEqualTo("unhealthy");
        assertThat(ordering.get("instances").get(2).get("up").asBoolean()).isFalse();
        assertThat(service(health, "user").get("up").asBoolean()).isFalse();
        JsonNode console = service(health, "console");
        assertThat(console.get("up").asBoolean()).isTrue();
        assertThat(console.get("instances").get(0).get("dependencies").get("database").asString()).isEqualTo("connected");
    }

    @Test
    void anOrdersHistoryShowsActorsAndTraceLinks() {
        ORDERING_1.stubFor(get(urlEqualTo("/orders/41")).willReturn(okJson(
                "{\"id\":41,\"user_id\":3,\"product_id\":9,\"product_name\":\"Lamp\",\"quantity\":1,\"status\":\"confirmed\"}")));
        ORDERING_1.stubFor(get(urlEqualTo("/orders/41/history")).willReturn(okJson(
                "[{\"sequence\":0,\"event_type\":\"OrderPlaced\",\"timestamp\":\"2026-01-01T00:00:00Z\","
                        + "\"actor\":{\"user_id\":3,\"username\":\"carol\"},\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                        + "\"data\":{\"quantity\":1}}]")));

        String page = browser.get("/console/orders/41").body();
        assertThat(page).contains("data-testid=\"order-status\">confirmed<").contains("data-testid=\"history-entry\"")
                .contains("OrderPlaced").contains("carol (3)")
                .contains("href=\"http://jaeger.test:16686/trace/4bf92f3577b34da6a3ce929d0e0e4736\"");
        ConsoleBrowser.Response byId = browser.get("/console/orders?id=41");
        assertThat(byId.status()).isEqualTo(302);
        assertThat(byId.header("Location")).endsWith("/console/orders/41");
    }

    @Test
    void anOrderThatIsNotThereIsSaidNotFoundAndAnEndpointThatIsNotThereNamesTheServiceUrl() {
        ORDERING_1.stubFor(get(urlEqualTo("/orders/42")).willReturn(okJson("{\"id\":42,\"status\":\"pending\"}")));
        ORDERING_1.stubFor(get(urlEqualTo("/orders/42/history")).willReturn(notFound()));
        ORDERING_1.stubFor(get(urlEqualTo("/orders/43")).willReturn(notFound()));
        ORDERING_1.stubFor(get(urlEqualTo("/orders/43/history")).willReturn(notFound()));
        ORDERING_1.stubFor(get(urlPathEqualTo("/admin/orders")).willReturn(notFound()));

        assertThat(browser.get("/console/orders/42").body()).contains("data-testid=\"order-status\">pending<")
                .contains("check the ordering service URL").doesNotContain("yet");
        assertThat(browser.get("/console/orders/43").body()).contains("Order 43 was not found");
        assertThat(browser.get("/console/orders?customer_id=3").body()).contains("check the ordering service URL")
                .doesNotContain("yet");
    }

    @Test
    void aDeletedOrderStillShowsItsHistory() {
        ORDERING_1.stubFor(get(urlEqualTo("/orders/44")).willReturn(notFound()));
        ORDERING_1.stubFor(get(urlEqualTo("/orders/44/history")).willReturn(okJson(
                "[{\"sequence\":0,\"event_type\":\"OrderPlaced\",\"actor\":{\"user_id\":3,\"username\":\"carol\"}},"
                        + "{\"sequence\":1,\"event_type\":\"OrderDeleted\",\"actor\":{\"user_id\":3,\"username\":\"carol\"}}]")));

        String page = browser.get("/console/orders/44").body();

        assertThat(page).contains("Order 44 was deleted").contains("OrderDeleted")
                .contains("data-testid=\"history-entry\"").doesNotContain("data-testid=\"order-status\"");
    }

    @Test
    void changesTheSystemMadeShowSystemAsTheirActor() {
        ORDERING_1.stubFor(get(urlEqualTo("/orders/45")).willReturn(okJson("{\"id\":45,\"status\":\"confirmed\"}")));
        ORDERING_1.stubFor(get(urlEqualTo("/orders/45/history")).willReturn(okJson(
                "[{\"sequence\":1,\"event_type\":\"OrderStatusChanged\",\"actor\":null,\"data\":{\"status\":\"confirmed\"}},"
                        + "{\"sequence\":2,\"event_type\":\"OrderStatusChanged\",\"data\":{}}]")));

        String page = browser.get("/console/orders/45").body();

        assertThat(page).contains("<td class=\"actor\">system</td>").doesNotContain("<td class=\"actor\">—</td>");
    }

    @Test
    void ordersAreSearchedByCustomerAndStatus() {
        ORDERING_1.stubFor(get(urlPathEqualTo("/admin/orders")).willReturn(okJson(
                "[{\"id\":51,\"user_id\":3,\"status\":\"pending\"},{\"id\":52,\"user_id\":3,\"status\":\"pending\"}]")));

        String page = browser.get("/console/orders?customer_id=3&status=pending").body();

        assertThat(page).contains("data-order-id=\"51\"").contains("data-order-id=\"52\"")
                .contains("href=\"/console/orders/52\"");
        ORDERING_1.verify(getRequestedFor(urlPathEqualTo("/admin/orders"))
                .withQueryParam("customer_id", equalTo("3"))
                .withQueryParam("status", equalTo("pending")));
    }

    @Test
    void anOrderSearchLongerThanAPageSaysSoAndLeadsToTheNextPage() {
        StringBuilder orders = new StringBuilder("[");
        for (int id = 1000; id < 1051; id++) {
            orders.append(id == 1000 ? "" : ",").append("{\"id\":").append(id).append(",\"user_id\":5,\"status\":\"pending\"}");
        }
        ORDERING_1.stubFor(get(urlPathEqualTo("/admin/orders")).willReturn(okJson(orders.append("]").toString())));

        String page = browser.get("/console/orders?customer_id=5").body();

        assertThat(page.split("data-testid=\"order-row\"", -1)).hasSize(51);
        assertThat(page).contains("data-order-id=\"1049\"").doesNotContain("data-order-id=\"1050\"")
                .contains("Orders 1–50 shown").contains("narrow the search")
                .contains("data-testid=\"orders-next\" href=\"/console/orders?customer_id=5&amp;skip=50\"")
                .doesNotContain("data-testid=\"orders-previous\"");
        ORDERING_1.verify(getRequestedFor(urlPathEqualTo("/admin/orders"))
                .withQueryParam("skip", equalTo("0"))
                .withQueryParam("limit", equalTo("51")));

        ORDERING_1.stubFor(get(urlPathEqualTo("/admin/orders")).willReturn(okJson(
                "[{\"id\":7,\"user_id\":5,\"status\":\"pending\"}]")));
        String next = browser.get("/console/orders?customer_id=5&skip=50").body();
        assertThat(next).contains("data-order-id=\"7\"").contains("Orders 51–51 shown")
                .contains("data-testid=\"orders-previous\" href=\"/console/orders?customer_id=5&amp;skip=0\"")
                .doesNotContain("data-testid=\"orders-next\"");
        ORDERING_1.verify(getRequestedFor(urlPathEqualTo("/admin/orders"))
                .withQueryParam("skip", equalTo("50")));
    }

    @Test
    void anUnknownStatusIsRefusedWithTheStatusesThereAre() {
        ORDERING_1.stubFor(get(urlPathEqualTo("/admin/orders")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":422,\"detail\":\"status: must match \\\"pending|confirmed\\\"\"}")));

        String page = browser.get("/console/orders?status=foo").body();

        assertThat(page).contains("Unknown status foo: one of pending, confirmed, shipped, delivered, cancelled, rejected")
                .doesNotContain("must match");
        ORDERING_1.verify(0, getRequestedFor(urlPathEqualTo("/admin/orders")));
    }

    @Test
    void oddRequestsToThePagesAreAnsweredWithoutAnError() {
        String huge = "9".repeat(5000);
        for (String path : List.of("/console/orders/abc", "/console/orders/0", "/console/orders/-3",
                "/console/orders/" + huge, "/console/orders/1.5", "/console/products/abc", "/console/products/-1",
                "/console/products/" + huge, "/console/orders?id=" + huge, "/console/orders?customer_id=" + huge,
                "/console/orders?customer_id=x&status=pending", "/console/orders?status=" + "z".repeat(5000),
                "/console/orders?id=1&id=2", "/console/orders?customer_id=3&skip=abc",
                "/console/orders?customer_id=3&skip=-1", "/console/orders?customer_id=3&skip=" + huge,
                "/console/products?id=" + huge, "/console/login?error=" + huge,
                "/console/orders/1;x=y", "/console/orders/%2e%2e/x")) {
            ConsoleBrowser.Response response = browser.get(path);
            String shortPath = path.length() > 80 ? path.substring(0, 80) + "…" : path;
            assertThat(response.status()).as(shortPath).isBetween(200, 499);
            assertThat(response.body()).as(shortPath).doesNotContain("Exception").doesNotContain("\tat ");
        }
        ORDERING_1.verify(0, getRequestedFor(anyUrl()));
        ConsoleTestServices.CATALOG.verify(0, getRequestedFor(anyUrl()));
        assertThat(browser.get("/console/orders/abc").body()).contains("An order id is a positive integer");
        assertThat(browser.get("/console/products/0").body()).contains("A product id is a positive integer");
    }

    @Test
    void oddRequestsToTheApiAreAnsweredWithProblems() {
        List<ConsoleBrowser.Response> answers = List.of(
                browser.post("/console/api/processors/ordering/" + "x".repeat(300) + "/replay", null),
                browser.post("/console/api/processors/" + "y".repeat(3000) + "/order-view/replay", null),
                browser.post("/console/api/processors/ordering/a%20b/replay", null),
                browser.post("/console/api/dead-letters/abc/retry", null),
                browser.post("/console/api/dead-letters/" + "9".repeat(100) + "/retry", null),
                browser.post("/console/api/dead-letters/1/discard", "{\"reason\":"),
                browser.post("/console/api/dead-letters/1/discard", "{\"reason\":{\"a\":1}}"),
                browser.post("/console/api/dead-letters/1/discard", "[]"),
                browser.post("/console/api/dead-letter-queues/" + "q".repeat(3000) + "/retry-all", null));
        for (ConsoleBrowser.Response answer : answers) {
            String what = answer.raw().request().uri().getPath();
            what = what.length() > 80 ? what.substring(0, 80) + "…" : what;
            assertThat(answer.status()).as(what).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
            assertThat(answer.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
            // the instance is the path; the detail quotes a request's value shortly, if at all
            assertThat(answer.json().path("detail").asString("")).as(what).hasSizeLessThan(300);
        }
        ORDERING_1.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aProductsStockEventsAreShownAndAMissingEventsApiNamesTheServiceUrl() {
        WireMockServer catalog = ConsoleTestServices.CATALOG;
        catalog.stubFor(get(urlEqualTo("/products/7")).willReturn(okJson("{\"id\":7,\"name\":\"Desk\",\"stock_quantity\":4}")));
        catalog.stubFor(get(urlEqualTo("/admin/products/7/events")).willReturn(okJson(
                "[{\"sequence\":3,\"event_type\":\"StockReserved\",\"timestamp\":\"2026-01-01T00:00:00Z\","
                        + "\"actor\":{\"user_id\":3,\"username\":\"carol\"},\"trace_id\":\"abc123\",\"data\":{\"quantity\":2}},"
                        + "{\"sequence\":4,\"event_type\":\"StockReleased\",\"actor\":null,\"data\":{\"quantity\":2}}]")));
        catalog.stubFor(get(urlEqualTo("/products/8")).willReturn(okJson("{\"id\":8,\"name\":\"Chair\"}")));
        catalog.stubFor(get(urlEqualTo("/admin/products/8/events")).willReturn(notFound()));

        assertThat(browser.get("/console/products/7").body()).contains("data-testid=\"product-event\"")
                .contains("StockReserved").contains("carol (3)").contains("/trace/abc123")
                .contains("<td class=\"actor\">system</td>");
        assertThat(browser.get("/console/products/8").body()).contains("check the catalog service URL")
                .doesNotContain("yet");
        catalog.stubFor(get(urlEqualTo("/products/9")).willReturn(notFound()));
        catalog.stubFor(get(urlEqualTo("/admin/products/9/events")).willReturn(notFound()));
        assertThat(browser.get("/console/products/9").body()).contains("Product 9 was not found");
        assertThat(browser.get("/console/products?id=7").header("Location")).endsWith("/console/products/7");
    }

    @Test
    void aLongStockHistoryIsReadAPageAtATimeWithLinksToOlderAndNewestEvents() {
        WireMockServer catalog = ConsoleTestServices.CATALOG;
        catalog.stubFor(get(urlEqualTo("/products/17")).willReturn(okJson("{\"id\":17,\"name\":\"Lamp\"}")));
        catalog.stubFor(get(urlEqualTo("/admin/products/17/events")).willReturn(okJson(
                "[{\"sequence\":120,\"event_type\":\"StockReserved\",\"actor\":null,\"data\":{}}]")));
        catalog.stubFor(get(urlEqualTo("/admin/products/17/events?before=120")).willReturn(okJson(
                "[{\"sequence\":0,\"event_type\":\"ProductCreated\",\"actor\":null,\"data\":{}}]")));

        String newest = browser.get("/console/products/17").body();
        assertThat(newest).contains("StockReserved").contains("href=\"/console/products/17?before=120\"")
                .doesNotContain("data-testid=\"product-events-newest\"");
        String older = browser.get("/console/products/17?before=120").body();
        assertThat(older).contains("ProductCreated").doesNotContain("data-testid=\"product-events-older\"")
                .contains("href=\"/console/products/17\"");
        ConsoleBrowser.Response bad = browser.get("/console/products/17?before=x");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("before is the positive sequence of an event");
    }

    @Test
    void thePagesCarryTheHooksTheirScriptsAndTestsUse() {
        for (String page : List.of("/console", "/console/processors", "/console/dead-letters", "/console/orders",
                "/console/products")) {
            String html = browser.get(page).body();
            assertThat(html).as(page).contains("data-testid=\"nav-overview\"").contains("data-testid=\"logout\"")
                    .contains("<meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\">")
                    .contains("src=\"/console/static/console.js\"");
        }
        assertThat(browser.get("/console/static/console.js").status()).isEqualTo(200);
    }

    private static JsonNode service(JsonNode services, String name) {
        return services.valueStream().filter(service -> service.get("service").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + services));
    }

    private static JsonNode processor(JsonNode service, String name) {
        return service.get("processors").valueStream().filter(p -> p.get("name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + service));
    }
}
