package dev.eventcommerce.ordering;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.eventcommerce.platform.testing.ContextArchitecture;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class OrderingArchitectureTest {

    @TestFactory
    Stream<DynamicTest> theOrderingContextKeepsItsFences() {
        JavaClasses classes = ContextArchitecture.importContext("ordering");
        return ContextArchitecture.rules("ordering").stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
