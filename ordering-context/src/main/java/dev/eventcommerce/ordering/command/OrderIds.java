package dev.eventcommerce.ordering.command;

/** Allocates the integer ids of new orders from ordering_db's own sequence. */
@FunctionalInterface
public interface OrderIds {

    long next();
}
