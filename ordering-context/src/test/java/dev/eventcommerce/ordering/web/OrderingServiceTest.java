package dev.eventcommerce.ordering.web;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.eventcommerce.platform.testing.TestMessaging;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * An integration test of the ordering service on a random port, as {@link OrderingTestSetup} describes it:
 * its own database and RabbitMQ names ({@link TestMessaging}, a bean), the catalog stubbed by WireMock (a
 * bean); both go when the test class ends, with its context. A test class changes the reservation timeout or
 * the placement wait, or adds a property, with a {@code @DynamicPropertySource} of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eventcommerce.ordering.reservation-timeout=" + OrderingTestSetup.RESERVATION_TIMEOUT,
        "eventcommerce.ordering.placement-wait=" + OrderingTestSetup.PLACEMENT_WAIT})
@Import(OrderingServiceTest.Surroundings.class)
@DirtiesContext
public @interface OrderingServiceTest {

    /**
     * What the service under test talks to. Not a {@code @Configuration}: component scanning must not find it
     * for a service a test starts by hand.
     */
    class Surroundings {

        @Bean(destroyMethod = "")
        WireMockServer catalogStub() {
            return OrderingTestSetup.start();
        }

        /** A test may stop the catalog to see the service without it. */
        @Bean
        DisposableBean catalogStubStop(WireMockServer catalogStub) {
            return () -> {
                if (catalogStub.isRunning()) {
                    catalogStub.stop();
                }
            };
        }

        @Bean(destroyMethod = "delete")
        TestMessaging testMessaging() {
            return TestMessaging.create();
        }

        @Bean
        DynamicPropertyRegistrar orderingServiceProperties(WireMockServer catalogStub, TestMessaging testMessaging) {
            return registry -> OrderingTestSetup.service(registry, catalogStub.baseUrl(), testMessaging);
        }
    }
}
