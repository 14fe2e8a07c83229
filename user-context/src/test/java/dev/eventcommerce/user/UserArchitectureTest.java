package dev.eventcommerce.user;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.eventcommerce.platform.testing.ContextArchitecture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import java.util.stream.Stream;

class UserArchitectureTest {

    @TestFactory
    Stream<DynamicTest> theUserContextKeepsItsFences() {
        JavaClasses classes = ContextArchitecture.importContext("user");
        return ContextArchitecture.rules("user").stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
