package dev.eventcommerce.console;

import dev.eventcommerce.platform.testing.ServiceDefaults;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * An integration test of the console on a random port, as {@link ConsoleTestServices} surrounds it: a database of
 * its own, the test signing key's public part, stubbed services (WireMock) and dead-letter queues of its own on the
 * shared broker. The test classes share one context (and so one database): each uses data of its own.
 * <p>
 * Faults are real, not stubbed: the console's RabbitMQ connection goes through the {@link ConsoleTestServices#RABBITMQ}
 * proxy, which a test holds (bytes stop in both directions: a publish waits for its confirm, RabbitMQ slow or not
 * confirming in time) or cuts (RabbitMQ unreachable), and releases or restores in a {@code finally}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ConsoleTest.Surroundings.class)
public @interface ConsoleTest {

    /** Not a {@code @Configuration}: component scanning must not find it. */
    class Surroundings {

        @Bean
        DynamicPropertyRegistrar consoleProperties(ConfigurableEnvironment environment) {
            return registry -> ConsoleTestServices.properties(ServiceDefaults.under(registry, environment));
        }
    }
}
