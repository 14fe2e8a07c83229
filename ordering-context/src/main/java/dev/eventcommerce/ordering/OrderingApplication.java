package dev.eventcommerce.ordering;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Ordering service (8003): event-sourced orders, their audit history, the stock reservation process and
 * the bridge to RabbitMQ.
 */
@SpringBootApplication
public class OrderingApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(OrderingApplication.class, args);
        } catch (RuntimeException e) {
            // A failed start leaves Axon's non-daemon threads behind; without this the JVM lingers for minutes.
            System.exit(1);
        }
    }
}
