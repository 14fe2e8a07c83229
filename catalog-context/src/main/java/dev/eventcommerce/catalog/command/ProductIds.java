package dev.eventcommerce.catalog.command;

/** Allocates the integer ids of new products from catalog_db's own sequence. */
@FunctionalInterface
public interface ProductIds {

    long next();
}
