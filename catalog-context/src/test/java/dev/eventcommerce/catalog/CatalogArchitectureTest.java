package dev.eventcommerce.catalog;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.eventcommerce.platform.testing.ContextArchitecture;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class CatalogArchitectureTest {

    @TestFactory
    Stream<DynamicTest> theCatalogContextKeepsItsFences() {
        JavaClasses classes = ContextArchitecture.importContext("catalog");
        return ContextArchitecture.rules("catalog").stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
