package dev.eventcommerce.console.services;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Orders and products with their event histories, read from ordering and catalog with the admin's token. A 404 is
 * read for what it says: the order or product is not there (or was deleted, its history kept), or, where the thing
 * itself was found or a search has no resource of its own, the endpoint is not there, which points at the
 * configured service URL.
 */
@Component
public class Histories {

    /** Orders a search shows at once; one more is asked for, to know whether there are more. */
    public static final int PAGE_SIZE = 50;

    /** What a lookup found: the items, or why there are none. */
    public record Found(boolean available, String message, JsonNode item, List<JsonNode> entries) {

        public static Found missing(String message) {
            return new Found(false, message, null, List.of());
        }
    }

    /** One page of an order search, from {@code skip}; {@code more} when orders follow it. */
    public record OrderPage(boolean available, String message, List<JsonNode> entries, long skip, boolean more) {

        static OrderPage missing(String message, long skip) {
            return new OrderPage(false, message, List.of(), skip, false);
        }
    }

    private final ServiceDirectory directory;
    private final ServiceCalls calls;

    public Histories(ServiceDirectory directory, ServiceCalls calls) {
        this.directory = directory;
        this.calls = calls;
    }

    /** A page of orders by customer and status (ordering's {@code GET /admin/orders}), newest first. */
    public OrderPage orders(Long customerId, String status, long skip, String token) {
        UriComponentsBuilder query = UriComponentsBuilder.fromPath("/admin/orders")
                .queryParam("skip", skip).queryParam("limit", PAGE_SIZE + 1);
        if (customerId != null) {
            query.queryParam("customer_id", customerId);
        }
        if (status != null && !status.isBlank()) {
            query.queryParam("status", status);
        }
        ServiceCalls.Answer answer = get("ordering", query.build().encode().toUriString(), token);
        if (answer.status() == 404) {
            return OrderPage.missing(noEndpoint("ordering", "GET /admin/orders"), skip);
        }
        if (!answer.ok()) {
            return OrderPage.missing("Ordering could not list the orders: " + answer.reason(), skip);
        }
        JsonNode body = answer.body();
        List<JsonNode> items = list(body != null && body.isObject() ? body.path("items") : body);
        boolean more = items.size() > PAGE_SIZE;
        return new OrderPage(true, null, more ? List.copyOf(items.subList(0, PAGE_SIZE)) : items, skip, more);
    }

    /** An order with its history (ordering's {@code GET /orders/{id}} and {@code GET /orders/{id}/history}). */
    public Found order(long id, String token) {
        return withEntries("ordering", "order", id, "/orders/" + id, "/orders/" + id + "/history",
                "GET /orders/{id}/history", token);
    }

    /**
     * A product with a page of its stock events (catalog's {@code GET /products/{id}} and
     * {@code /admin/products/{id}/events}): the newest, or those before sequence {@code before} (null: the newest).
     */
    public Found product(long id, Long before, String token) {
        return withEntries("catalog", "product", id, "/products/" + id, "/admin/products/" + id + "/events"
                + (before == null ? "" : "?before=" + before), "GET /admin/products/{id}/events", token);
    }

    /** Where the page of events before these starts; null when these are the first. */
    public static Long olderBefore(List<JsonNode> entries) {
        long first = entries.isEmpty() ? 0 : entries.get(0).path("sequence").asLong(0);
        return first > 0 ? first : null;
    }

    /**
     * The item and its history. A deleted order or product reads 404 while its history stays: the history is asked
     * for either way, and only when neither is there was it not found.
     */
    private Found withEntries(String service, String thing, long id, String itemPath, String entriesPath,
                              String entriesEndpoint, String token) {
        String what = Character.toUpperCase(thing.charAt(0)) + thing.substring(1) + " " + id;
        ServiceCalls.Answer item = get(service, itemPath, token);
        boolean gone = item.status() == 404;
        if (!gone && !item.ok()) {
            return Found.missing(what + " could not be read from " + service + ": " + item.reason());
        }
        ServiceCalls.Answer entries = get(service, entriesPath, token);
        if (gone) {
            return entries.ok() ? new Found(true, what + " was deleted; its history stays", null, entries(entries))
                    : Found.missing(what + " was not found");
        }
        if (entries.status() == 404) {
            return new Found(false, noEndpoint(service, entriesEndpoint) + " (the " + thing + " itself was found)",
                    item.body(), List.of());
        }
        if (!entries.ok()) {
            return new Found(false, "The history could not be read: " + entries.reason(), item.body(), List.of());
        }
        return new Found(true, null, item.body(), entries(entries));
    }

    private static String noEndpoint(String service, String endpoint) {
        return service + " answered 404 to " + endpoint + ": check the " + service + " service URL";
    }

    private ServiceCalls.Answer get(String service, String path, String token) {
        return calls.first(directory.instances(service), instance -> calls.get(instance.url(), path, token));
    }

    private static List<JsonNode> entries(ServiceCalls.Answer answer) {
        JsonNode body = answer.body();
        return list(body != null && body.isObject() ? body.path("items") : body);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(items::add);
        }
        return items;
    }
}
