package dev.eventcommerce.console;

import dev.eventcommerce.platform.testing.ServiceDefaults;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * An integration test of the console on a random port, as {@link ConsoleTestServices} surrounds it: a database of
 * its own, the test signing key's public part, stubbed services (WireMock) and dead-letter queues of its own on the
 * shared broker. The test classes share one context (and so one database): each uses data of its own. The console's
 * {@link RabbitTemplate} is a Mockito spy that sends for real unless a test stubs a send.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ConsoleTest.Surroundings.class)
// the real template, on the real broker: a test may hold or fail one send (RabbitMQ slow, unreachable); here, so
// that every test class keeps sharing one context
@MockitoSpyBean(types = RabbitTemplate.class)
public @interface ConsoleTest {

    /** Not a {@code @Configuration}: component scanning must not find it. */
    class Surroundings {

        @Bean
        DynamicPropertyRegistrar consoleProperties(ConfigurableEnvironment environment) {
            return registry -> ConsoleTestServices.properties(ServiceDefaults.under(registry, environment));
        }
    }
}
