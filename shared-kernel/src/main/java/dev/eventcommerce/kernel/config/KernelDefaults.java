package dev.eventcommerce.kernel.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code kernel-defaults.yml} as the lowest-priority configuration of every service: the Axon,
 * Flyway, actuator and docs settings they share; under the {@code local} profile,
 * {@code kernel-defaults-local.yml} just above it. A service's own {@code application*.yml} and the
 * environment override any of it.
 */
public class KernelDefaults implements EnvironmentPostProcessor, Ordered {

    static final String RESOURCE = "kernel-defaults.yml";
    static final String LOCAL_RESOURCE = "kernel-defaults-local.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of("local"))) {
            addLast(environment, LOCAL_RESOURCE);
        }
        addLast(environment, RESOURCE);
    }

    /** After the config-data processor, so that the active profiles are known. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static void addLast(ConfigurableEnvironment environment, String resource) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(resource, new ClassPathResource(resource))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
