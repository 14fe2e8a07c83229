package dev.eventcommerce.ordering.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.eventcommerce.kernel.testing.TestDatabases;
import java.util.UUID;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The ordering service under test: its own database, its own exchange on the real RabbitMQ, and the
 * catalog stubbed at its HTTP boundary (WireMock): product 1 (5 × 199.99 in stock), 404 for product 404,
 * a 500 for product 500 and a dropped connection for product 503.
 */
public final class OrderingTestSetup {

    private OrderingTestSetup() {
    }

    public static WireMockServer start() {
        WireMockServer catalog = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        catalog.start();
        catalog.stubFor(get(urlEqualTo("/products/1")).willReturn(okJson("""
                {"id":1,"name":"Integration Test Product","description":"Test product","price":199.99,"quantity":5,
                 "created_at":"2026-11-25T10:00:00Z","updated_at":"2026-11-25T10:00:00Z"}""")));
        catalog.stubFor(get(urlEqualTo("/products/404")).willReturn(notFound()));
        catalog.stubFor(get(urlEqualTo("/products/500")).willReturn(aResponse().withStatus(500)));
        catalog.stubFor(get(urlEqualTo("/products/503")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        return catalog;
    }

    public static String exchange() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8) + ".order_events";
    }

    public static void properties(DynamicPropertyRegistry registry, String catalogUrl, String exchange) {
        String database = TestDatabases.create("ordering_it");
        registry.add("spring.datasource.url", () -> database);
        registry.add("eventcommerce.auth.secret-key", () -> "integration-test-secret-key-of-at-least-32-bytes");
        // computed once: a supplier is asked again at every lookup, and every reader must see the same key
        String revocationKey = "it:" + UUID.randomUUID() + ":deactivated-users";
        registry.add("eventcommerce.auth.revocation-key", () -> revocationKey);
        registry.add("eventcommerce.auth.revocation-refresh", () -> "200ms");
        registry.add("eventcommerce.ordering.catalog-url", () -> catalogUrl);
        registry.add("eventcommerce.messaging.exchange", () -> exchange);
    }

    /**
     * A queue of the test's own, bound like the notification queue, to see what the bridge publishes; it
     * expires by itself once unused (Spring's AnonymousQueue sets an argument RabbitMQ 3.10 refuses).
     */
    public static Queue bindTestQueue(RabbitAdmin admin, String exchange) {
        Queue queue = QueueBuilder.nonDurable(exchange + ".seen-" + UUID.randomUUID().toString().substring(0, 8))
                .expires(600_000).build();
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(exchange)).with("order.created"));
        return queue;
    }

}
