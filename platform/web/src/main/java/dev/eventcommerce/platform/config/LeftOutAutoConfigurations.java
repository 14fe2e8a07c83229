package dev.eventcommerce.platform.config;

import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Auto-configurations a platform module leaves out of every service that uses it, whatever the service sets in
 * {@code spring.autoconfigure.exclude} (a list there replaces, rather than extends, a list in the defaults, which
 * silently brought them back). Each module registers a subclass naming its own, with the reason, in its
 * {@code META-INF/spring.factories}.
 */
public abstract class LeftOutAutoConfigurations implements AutoConfigurationImportFilter {

    private final Set<String> leftOut;

    protected LeftOutAutoConfigurations(Set<String> leftOut) {
        this.leftOut = Set.copyOf(leftOut);
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] kept = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = autoConfigurationClasses[i] == null || !leftOut.contains(autoConfigurationClasses[i]);
        }
        return kept;
    }

    /** Stateless JWT only: no generated in-memory user (and no password of it in the log). */
    public static final class Web extends LeftOutAutoConfigurations {
        public Web() {
            super(Set.of("org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"));
        }
    }
}
