package dev.eventcommerce.ordering.web;

import dev.eventcommerce.ordering.api.ListAllOrders;
import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.OrderView;
import dev.eventcommerce.platform.web.WebAutoConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's view of every customer's orders (admin role only, as every {@code /admin} path). One order and its
 * history are {@code GET /orders/{id}} and {@code /orders/{id}/history}, which answer an admin for any order.
 */
@RestController
@Tag(name = "orders")
@SecurityRequirement(name = WebAutoConfiguration.BEARER_SCHEME)
class AdminOrderController {

    private final QueryGateway queries;

    AdminOrderController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "Every customer's orders, newest first (admin)",
            description = "Optionally of one customer (customer_id) and/or in one status; each as GET /orders lists it")
    @GetMapping("/admin/orders")
    List<OrderResponses.Order> list(
            @RequestParam(name = "customer_id", required = false) @Min(1) Long customerId,
            @RequestParam(required = false)
            @Pattern(regexp = "pending|confirmed|shipped|delivered|cancelled|rejected") String status,
            @RequestParam(defaultValue = "0") @Min(0) int skip,
            @RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit) {
        return queries.query(new ListAllOrders(customerId, status == null ? null : OrderStatus.of(status), skip, limit),
                        ResponseTypes.multipleInstancesOf(OrderView.class))
                .join().stream().map(OrderResponses.Order::of).toList();
    }
}
