package dev.eventcommerce.platform.outbox;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.eventcommerce.platform.testing.ContextArchitecture;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The outbox sees the shared kernel and every other platform module: the arrows between them are checked here. */
class PlatformArchitectureTest {

    @TestFactory
    Stream<DynamicTest> theArrowsPointOneWay() {
        JavaClasses classes = ContextArchitecture.importPlatform();
        return ContextArchitecture.platformRules().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
