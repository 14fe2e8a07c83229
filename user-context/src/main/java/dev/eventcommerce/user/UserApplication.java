package dev.eventcommerce.user;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** User service (8001): registration, login, JWT issue and validation, deactivation. */
@SpringBootApplication
public class UserApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(UserApplication.class, args);
        } catch (RuntimeException e) {
            // A failed start leaves Axon's non-daemon threads behind; without this the JVM lingers for minutes.
            System.exit(1);
        }
    }
}
