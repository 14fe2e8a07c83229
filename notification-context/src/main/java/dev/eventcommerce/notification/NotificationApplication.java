package dev.eventcommerce.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Notification service (8004): consumes order-created from RabbitMQ, sends and records notifications. */
@SpringBootApplication
public class NotificationApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(NotificationApplication.class, args);
        } catch (RuntimeException e) {
            // A failed start leaves Axon's non-daemon threads behind; without this the JVM lingers for minutes.
            System.exit(1);
        }
    }
}
