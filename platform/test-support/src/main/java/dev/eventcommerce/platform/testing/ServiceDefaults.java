package dev.eventcommerce.platform.testing;

import java.util.Set;
import java.util.function.Supplier;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The properties a test meta-annotation's {@link DynamicPropertyRegistrar} gives a service, as defaults: a
 * test class's own {@code @DynamicPropertySource} keeps its values. Spring writes a registrar's values into the
 * same property source as those methods' and after them, so without this a registrar would silently replace
 * what a test class sets (its own database URL, a throttle's limit).
 */
public final class ServiceDefaults {

    /** Spring's name for the property source of dynamic test properties. */
    private static final String DYNAMIC_TEST_PROPERTIES = "Dynamic Test Properties";

    private ServiceDefaults() {
    }

    /** A registry that adds to {@code registry} only what the test class has not set itself. */
    public static DynamicPropertyRegistry under(DynamicPropertyRegistry registry, ConfigurableEnvironment environment) {
        PropertySource<?> dynamic = environment.getPropertySources().get(DYNAMIC_TEST_PROPERTIES);
        Set<String> testClass = dynamic instanceof EnumerablePropertySource<?> names
                ? Set.of(names.getPropertyNames()) : Set.of();
        return (String name, Supplier<Object> value) -> {
            if (!testClass.contains(name)) {
                registry.add(name, value);
            }
        };
    }
}
