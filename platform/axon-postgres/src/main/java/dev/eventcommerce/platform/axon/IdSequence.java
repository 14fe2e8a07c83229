package dev.eventcommerce.platform.axon;

/**
 * Allocates the public integer ids of a context's new aggregates (users, products, orders) from the
 * PostgreSQL sequence named by {@code eventcommerce.ids.sequence} in the context's own database. Creation
 * command handlers take it as a parameter.
 */
@FunctionalInterface
public interface IdSequence {

    long next();
}
