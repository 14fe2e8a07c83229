package dev.eventcommerce.ordering.command;

/**
 * The shop's business limits on a single order, from configuration
 * ({@code eventcommerce.ordering.max-quantity-per-order}); the Order checks them when it is placed.
 */
record OrderLimits(int maxQuantityPerOrder) {

    OrderLimits {
        if (maxQuantityPerOrder < 1) {
            throw new IllegalArgumentException("max-quantity-per-order must be 1 or more, not " + maxQuantityPerOrder);
        }
    }
}
