package dev.eventcommerce.ordering.web;

import dev.eventcommerce.ordering.api.OrderStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Request bodies of the order API. */
final class OrderRequests {

    private OrderRequests() {
    }

    record Place(@NotNull @Positive Long productId, @NotNull @Positive @Max(1_000_000) Integer quantity) {
    }

    record ChangeStatus(@NotNull OrderStatus status) {
    }
}
