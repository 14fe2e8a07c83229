package dev.eventcommerce.catalog.web;

import dev.eventcommerce.platform.testing.ServiceDefaults;
import dev.eventcommerce.platform.testing.TestMessaging;
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
 * An integration test of the catalog service on a random port, as {@link CatalogServiceTestSupport} describes
 * it: a database, RabbitMQ names ({@link TestMessaging}, a bean), Redis keys and a revocation hash of the test
 * class's own, all gone with its context when the class ends. A test class adds or changes a property with a
 * {@code @DynamicPropertySource} of its own, whose values win ({@link ServiceDefaults}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CatalogServiceTest.Surroundings.class)
@DirtiesContext
public @interface CatalogServiceTest {

    /**
     * What the service under test talks to. Not a {@code @Configuration}: component scanning must not find it
     * for a service a test starts by hand.
     */
    class Surroundings {

        @Bean(destroyMethod = "delete")
        TestMessaging testMessaging() {
            return TestMessaging.create();
        }

        @Bean
        DynamicPropertyRegistrar catalogServiceProperties(TestMessaging testMessaging,
                                                          ConfigurableEnvironment environment) {
            return registry -> CatalogServiceTestSupport.properties(ServiceDefaults.under(registry, environment),
                    testMessaging);
        }
    }
}
