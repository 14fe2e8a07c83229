package dev.eventcommerce.ordering;

import org.springframework.boot.SpringApplication;
import org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Ordering service (8003): event-sourced orders, their audit history, the stock reservation process and
 * the bridge to RabbitMQ. Axon's db-scheduler auto-configuration is written for db-scheduler's Spring Boot
 * starter; the saga's deadline manager is declared in {@code command/} instead.
 */
@SpringBootApplication(exclude = AxonDbSchedulerAutoConfiguration.class)
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
