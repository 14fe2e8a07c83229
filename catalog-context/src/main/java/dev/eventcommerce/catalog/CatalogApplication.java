package dev.eventcommerce.catalog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Catalog service (8002): event-sourced products, a PostgreSQL read model cached in Redis. */
@SpringBootApplication
public class CatalogApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(CatalogApplication.class, args);
        } catch (RuntimeException e) {
            // A failed start leaves Axon's non-daemon threads behind; without this the JVM lingers for minutes.
            System.exit(1);
        }
    }
}
