package dev.eventcommerce.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.eventcommerce.platform.testing.ContextArchitecture;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class NotificationArchitectureTest {

    /** This context has no event-sourced write side; that the import found the context is checked apart. */
    @TestFactory
    Stream<DynamicTest> theNotificationContextKeepsItsFences() {
        JavaClasses classes = ContextArchitecture.importContext("notification");
        assertThat(classes.containPackage("dev.eventcommerce.notification.messaging")).isTrue();
        assertThat(classes.containPackage("dev.eventcommerce.notification.web")).isTrue();
        return ContextArchitecture.rules("notification").stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
