package dev.eventcommerce.console.services;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Orders and products with their event histories, read from ordering and catalog with the admin's token. An API a
 * service does not have yet (it answers 404 where the resource itself was found) is shown as missing, with a
 * message, not as a failure.
 */
@Component
public class Histories {

    /** What a lookup found: the items, or why there are none. */
    public record Found(boolean available, String message, JsonNode item, List<JsonNode> entries) {

        static Found missing(String message) {
            return new Found(false, message, null, List.of());
        }
    }

    private final ServiceDirectory directory;
    private final ServiceCalls calls;

    public Histories(ServiceDirectory directory, ServiceCalls calls) {
        this.directory = directory;
        this.calls = calls;
    }

    /** Orders by customer and status (ordering's {@code GET /admin/orders}), newest first. */
    public Found orders(Long customerId, String status, String token) {
        UriComponentsBuilder query = UriComponentsBuilder.fromPath("/admin/orders")
                .queryParam("skip", 0).queryParam("limit", 100);
        if (customerId != null) {
            query.queryParam("customer_id", customerId);
        }
        if (status != null && !status.isBlank()) {
            query.queryParam("status", status);
        }
        ServiceCalls.Answer answer = get("ordering", query.build().encode().toUriString(), token);
        if (answer.status() == 404) {
            return Found.missing("The ordering service has no order search (GET /admin/orders) yet: "
                    + "look an order up by its id");
        }
        if (!answer.ok()) {
            return Found.missing("Ordering could not list the orders: " + answer.reason());
        }
        JsonNode body = answer.body();
        JsonNode items = body != null && body.isArray() ? body : body == null ? null : body.path("items");
        return new Found(true, null, null, list(items));
    }

    /** An order with its history (ordering's {@code GET /orders/{id}} and {@code GET /orders/{id}/history}). */
    public Found order(long id, String token) {
        return withEntries("ordering", "/orders/" + id, "/orders/" + id + "/history", "Order " + id,
                "The ordering service has no order history (GET /orders/{id}/history) yet", token);
    }

    /** A product with its stock events (catalog's {@code GET /products/{id}} and {@code /admin/products/{id}/events}). */
    public Found product(long id, String token) {
        return withEntries("catalog", "/products/" + id, "/admin/products/" + id + "/events", "Product " + id,
                "The catalog service has no product event history (GET /admin/products/{id}/events) yet", token);
    }

    private Found withEntries(String service, String itemPath, String entriesPath, String what, String noApi,
                              String token) {
        ServiceCalls.Answer item = get(service, itemPath, token);
        if (item.status() == 404) {
            return Found.missing(what + " was not found (it never existed or was deleted)");
        }
        if (!item.ok()) {
            return Found.missing(what + " could not be read from " + service + ": " + item.reason());
        }
        ServiceCalls.Answer entries = get(service, entriesPath, token);
        if (entries.status() == 404) {
            return new Found(false, noApi, item.body(), List.of());
        }
        if (!entries.ok()) {
            return new Found(false, "The history could not be read: " + entries.reason(), item.body(), List.of());
        }
        JsonNode body = entries.body();
        return new Found(true, null, item.body(), list(body != null && body.isObject() ? body.path("items") : body));
    }

    private ServiceCalls.Answer get(String service, String path, String token) {
        return calls.first(directory.instances(service), instance -> calls.get(instance.url(), path, token));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(items::add);
        }
        return items;
    }
}
