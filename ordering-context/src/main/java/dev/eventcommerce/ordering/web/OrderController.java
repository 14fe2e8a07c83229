package dev.eventcommerce.ordering.web;

import dev.eventcommerce.platform.auth.AuthenticatedUser;
import dev.eventcommerce.platform.axon.ProjectionBarrier;
import dev.eventcommerce.kernel.contract.CatalogProduct;
import dev.eventcommerce.platform.web.WebAutoConfiguration;
import dev.eventcommerce.ordering.api.ChangeOrderStatus;
import dev.eventcommerce.ordering.api.DeleteOrder;
import dev.eventcommerce.ordering.api.FindOrder;
import dev.eventcommerce.ordering.api.FindOrderHistory;
import dev.eventcommerce.ordering.api.ListOrders;
import dev.eventcommerce.ordering.api.OrderHistoryEntry;
import dev.eventcommerce.ordering.api.OrderNotFoundException;
import dev.eventcommerce.ordering.api.OrderPlaced;
import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.OrderView;
import dev.eventcommerce.ordering.api.PlaceOrder;
import dev.eventcommerce.ordering.query.OrderDecisions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's order API, plus the audit history. A customer sees and changes only its own orders (another
 * customer's order answers 404); an admin sees all. Writes answer once the read model has them; placing an
 * order also waits, bounded, for its stock reservation's outcome.
 */
@RestController
@Tag(name = "orders")
@SecurityRequirement(name = WebAutoConfiguration.BEARER_SCHEME)
class OrderController {

    private static final String PREFER = "Prefer";
    private static final String RESPOND_ASYNC = "respond-async";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ProjectionBarrier projection;
    private final CatalogClient catalog;
    private final OrderDecisions decisions;
    private final Duration placementWait;

    OrderController(CommandGateway commands, QueryGateway queries, ProjectionBarrier projection, CatalogClient catalog,
                    OrderDecisions decisions,
                    @Value("${eventcommerce.ordering.placement-wait:2s}") Duration placementWait) {
        this.commands = commands;
        this.queries = queries;
        this.projection = projection;
        this.catalog = catalog;
        this.decisions = decisions;
        this.placementWait = placementWait;
    }

    @Operation(summary = "Place an order", description = "Prices it with the catalog's product and waits (up to "
            + "eventcommerce.ordering.placement-wait, 2 s by default) for catalog to reserve its stock: 201 confirmed, "
            + "or 409 problem+json naming the rejected order (order_id, status_reason; it stays in the history). Past "
            + "the wait, or with \"Prefer: respond-async\", 201 pending: the outcome follows, usually within a second. "
            + "422 unknown product or a quantity above the per-order limit, 503 catalog unreachable")
    @PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderResponses.Order> place(@AuthenticationPrincipal AuthenticatedUser caller,
                                               @RequestHeader(name = PREFER, required = false) List<String> prefer,
                                               @Valid @RequestBody OrderRequests.Place request) {
        CatalogProduct product = catalog.product(request.productId());
        Long id = commands.sendAndWait(new PlaceOrder(caller.userId(), product.id(), product.name(),
                request.quantity(), product.price()));
        boolean respondAsync = respondAsync(prefer);
        if (!respondAsync && !placementWait.isNegative() && !placementWait.isZero()) {
            decisions.await(id, placementWait);
        }
        ResponseEntity<OrderResponses.Order> placed = written(id, HttpStatus.CREATED);
        OrderResponses.Order order = placed.getBody();
        if (!respondAsync && order != null && order.status() == OrderStatus.REJECTED) {
            throw new OrderRejectedException(order.id(), order.statusReason());
        }
        return respondAsync
                ? ResponseEntity.status(HttpStatus.CREATED).headers(placed.getHeaders())
                        .header("Preference-Applied", RESPOND_ASYNC).body(order)
                : placed;
    }

    /** RFC 7240: {@code Prefer: respond-async} among the header's preferences (a token, maybe with parameters). */
    static boolean respondAsync(List<String> prefer) {
        return prefer != null && prefer.stream()
                .flatMap(header -> Arrays.stream(header.split(",")))
                .map(preference -> preference.split("[;=]", 2)[0].trim())
                .anyMatch(RESPOND_ASYNC::equalsIgnoreCase);
    }

    @Operation(summary = "The caller's orders, newest first")
    @GetMapping("/orders")
    List<OrderResponses.Order> list(@AuthenticationPrincipal AuthenticatedUser caller,
                                    @RequestParam(defaultValue = "0") @Min(0) int skip,
                                    @RequestParam(defaultValue = "100") @Min(1) @Max(100) int limit) {
        return queries.query(new ListOrders(caller.userId(), skip, limit),
                        ResponseTypes.multipleInstancesOf(OrderView.class))
                .join().stream().map(OrderResponses.Order::of).toList();
    }

    @Operation(summary = "An order", description = "With an ETag of its version, for If-Match on changes")
    @GetMapping("/orders/{id}")
    ResponseEntity<OrderResponses.Order> get(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long id) {
        OrderView order = visible(caller, id);
        return ResponseEntity.ok().eTag(etag(order)).body(OrderResponses.Order.of(order));
    }

    @Operation(summary = "Change an order's status", description = "pending → cancelled; confirmed → "
            + "shipped | cancelled; shipped → delivered. Confirmed and rejected come from the stock reservation: "
            + "asking for them is 409, as is any other change the lifecycle does not allow; 412 when If-Match is stale")
    @PutMapping(path = "/orders/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderResponses.Order> changeStatus(@AuthenticationPrincipal AuthenticatedUser caller,
                                                      @PathVariable long id,
                                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                      @Valid @RequestBody OrderRequests.ChangeStatus request) {
        commands.sendAndWait(new ChangeOrderStatus(id, request.status(), caller.userId(), caller.isAdmin(),
                IfMatch.version(ifMatch)));
        return written(id, HttpStatus.OK);
    }

    @Operation(summary = "Delete an order", description = "A tombstone: it then reads 404; its history stays. "
            + "A shipped or delivered order only an admin may delete (409 for its customer)")
    @DeleteMapping("/orders/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        commands.sendAndWait(new DeleteOrder(id, caller.userId(), caller.isAdmin(), IfMatch.version(ifMatch)));
        projection.awaitAggregate(OrderView.PROJECTION, String.valueOf(id), "/orders/" + id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Every change of an order, with who did it", description = "Read from the event store; "
            + "available after deletion; the owner or an admin. The owner sees itself, and the shop "
            + "({\"user_id\": null, \"username\": \"shop\"}) for every change it did not make; an admin sees who made "
            + "each, and a null actor for the system's (the stock reservation's)")
    @GetMapping("/orders/{id}/history")
    List<OrderResponses.HistoryEntry> history(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long id) {
        List<OrderHistoryEntry> history = queries.query(new FindOrderHistory(id, caller.isAdmin()),
                ResponseTypes.multipleInstancesOf(OrderHistoryEntry.class)).join();
        boolean visible = !history.isEmpty() && history.get(0).data() instanceof OrderPlaced placed
                && (caller.isAdmin() || placed.userId() == caller.userId());
        if (!visible) {
            throw new OrderNotFoundException(id);
        }
        return history.stream().map(OrderResponses.HistoryEntry::of).toList();
    }

    private ResponseEntity<OrderResponses.Order> written(long id, HttpStatus status) {
        projection.awaitAggregate(OrderView.PROJECTION, String.valueOf(id), "/orders/" + id);
        OrderView order = find(id);
        return ResponseEntity.status(status).eTag(etag(order)).body(OrderResponses.Order.of(order));
    }

    private OrderView visible(AuthenticatedUser caller, long id) {
        OrderView order = find(id);
        if (!caller.isAdmin() && order.userId() != caller.userId()) {
            throw new OrderNotFoundException(id);
        }
        return order;
    }

    private OrderView find(long id) {
        return queries.query(new FindOrder(id), ResponseTypes.optionalInstanceOf(OrderView.class)).join()
                .orElseThrow(() -> new OrderNotFoundException(id));
    }

    private static String etag(OrderView order) {
        return "\"" + order.version() + "\"";
    }
}
