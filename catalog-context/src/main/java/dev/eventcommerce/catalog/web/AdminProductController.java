package dev.eventcommerce.catalog.web;

import dev.eventcommerce.catalog.api.FindProductHistory;
import dev.eventcommerce.catalog.api.ProductEvent;
import dev.eventcommerce.catalog.api.ProductHistoryEntry;
import dev.eventcommerce.catalog.api.ProductNotFoundException;
import dev.eventcommerce.platform.web.WebAutoConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the shop's staff read about a product beyond the public API (admin role only, as every {@code /admin} path). */
@RestController
@Tag(name = "products")
@SecurityRequirement(name = WebAutoConfiguration.BEARER_SCHEME)
class AdminProductController {

    private final QueryGateway queries;

    AdminProductController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "The events of a product, with who did it (admin)", description = "Read from the event "
            + "store (snapshots ignored): created, updated, deleted, and every stock reservation, rejection, release "
            + "and voided reservation; available after deletion. The newest `limit` events in order, or those before "
            + "sequence `before`; a `Link` header (rel=\"next\") gives the page of older ones while there are. 404 for "
            + "a product that never existed (or no events before `before`)")
    @GetMapping("/admin/products/{id}/events")
    ResponseEntity<List<Change>> events(@PathVariable long id,
                                        @RequestParam(required = false) @Min(1) Long before,
                                        @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        List<ProductHistoryEntry> history = queries.query(new FindProductHistory(id, before, limit),
                ResponseTypes.multipleInstancesOf(ProductHistoryEntry.class)).join();
        if (history.isEmpty()) {
            throw new ProductNotFoundException(id);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        long first = history.get(0).sequence();
        if (first > 0) {
            answer.header(HttpHeaders.LINK, "</admin/products/" + id + "/events?before=" + first + "&limit=" + limit
                    + ">; rel=\"next\"");
        }
        return answer.body(history.stream().map(Change::of).toList());
    }

    /** Who made a change: absent for the system's. */
    record Actor(Long userId, String username) {
    }

    /** One entry, in the shape of an order's history ({@code GET /orders/{id}/history}). */
    record Change(long sequence, String eventType, Instant timestamp, Actor actor, String traceId, ProductEvent data) {

        static Change of(ProductHistoryEntry entry) {
            return new Change(entry.sequence(), entry.eventType(), entry.timestamp(),
                    entry.actorUserId() == null && entry.actorUsername() == null ? null
                            : new Actor(entry.actorUserId(), entry.actorUsername()),
                    entry.traceId(), entry.data());
        }
    }
}
