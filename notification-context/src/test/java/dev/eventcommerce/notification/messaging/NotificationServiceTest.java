package dev.eventcommerce.notification.messaging;

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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * An integration test of the notification service on a random port, as {@link NotificationServiceTestSupport}
 * describes it: a database and a revocation hash of the test class's own, gone with its context when the class
 * ends. The class names its {@link TestBroker} with a {@code @DynamicPropertySource} of its own (it publishes
 * to it before and after the service runs), where it may change any other property too: its values win
 * ({@link ServiceDefaults}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(NotificationServiceTest.Surroundings.class)
@DirtiesContext
public @interface NotificationServiceTest {

    /** Not a {@code @Configuration}: component scanning must not find it for a service a test starts by hand. */
    class Surroundings {

        @Bean
        DynamicPropertyRegistrar notificationServiceProperties(ConfigurableEnvironment environment) {
            return registry -> NotificationServiceTestSupport.properties(ServiceDefaults.under(registry, environment));
        }
    }
}
