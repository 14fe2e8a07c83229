package dev.eventcommerce.user.web;

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
 * An integration test of the user service on a random port, as {@link UserServiceTestSupport} describes it: a
 * database, a revocation hash and throttle keys of the test class's own, gone with its context when the class
 * ends. A test class changes any of it (a limit, its database URL) with a {@code @DynamicPropertySource} of its
 * own, whose values win ({@link ServiceDefaults}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(UserServiceTest.Surroundings.class)
@DirtiesContext
public @interface UserServiceTest {

    /** Not a {@code @Configuration}: component scanning must not find it for a service a test starts by hand. */
    class Surroundings {

        @Bean
        DynamicPropertyRegistrar userServiceProperties(ConfigurableEnvironment environment) {
            return registry -> UserServiceTestSupport.properties(ServiceDefaults.under(registry, environment));
        }
    }
}
