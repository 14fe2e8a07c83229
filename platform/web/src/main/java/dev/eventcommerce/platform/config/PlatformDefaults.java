package dev.eventcommerce.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Adds each platform module's defaults, {@code eventcommerce/defaults/MODULE.yml} in the module's jar (e.g.
 * {@code platform/web/src/main/resources/eventcommerce/defaults/web.yml}), as the lowest-priority configuration of
 * a service that uses the module; under the {@code local} profile, {@code eventcommerce/defaults/local/MODULE.yml}
 * just above them. A service's own {@code application*.yml} and the environment override any single key and keep
 * the rest. Lists are not merged by Spring Boot, so no default is a list a service might want to extend (the
 * auto-configurations a module leaves out are left out by {@link LeftOutAutoConfigurations}, not by
 * {@code spring.autoconfigure.exclude}).
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULTS = "classpath*:eventcommerce/defaults/*.yml";
    static final String LOCAL_DEFAULTS = "classpath*:eventcommerce/defaults/local/*.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of("local"))) {
            addLast(environment, LOCAL_DEFAULTS, " (local)");
        }
        addLast(environment, DEFAULTS, "");
    }

    /** After the config-data processor, so that the active profiles are known. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static void addLast(ConfigurableEnvironment environment, String pattern, String suffix) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(pattern);
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            for (Resource file : files) {
                String name = "platform defaults " + file.getFilename() + suffix;
                for (PropertySource<?> source : new YamlPropertySourceLoader().load(name, file)) {
                    environment.getPropertySources().addLast(source);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pattern, e);
        }
    }
}
