package dev.eventcommerce.platform.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Instances of one service started by hand in this JVM on the same properties (one database, one Redis, one
 * set of RabbitMQ names): two of them behind an imaginary load balancer, or one stopped and started again.
 * {@link #close()} stops those still running, the last started first.
 */
public final class ServiceInstances implements AutoCloseable {

    private final Class<?>[] sources;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Deque<ConfigurableApplicationContext> started = new ArrayDeque<>();

    /** The service's application class, and any configuration of the test's own to start with it. */
    public ServiceInstances(Class<?>... sources) {
        this.sources = sources;
        properties.put("server.port", 0);
    }

    /**
     * Where a test support's property method writes; each value is read once, here, since every instance
     * must see the same database, key and name.
     */
    public DynamicPropertyRegistry properties() {
        return (name, value) -> properties.put(name, value.get());
    }

    /** Sets (or replaces) one property for the instances started from now on. */
    public ServiceInstances with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** A property as the instances get it (the database a test reads by itself, say). */
    public String property(String name) {
        return String.valueOf(properties.get(name));
    }

    /** Starts one more instance, its properties as arguments: above the platform defaults, as the environment is. */
    public ConfigurableApplicationContext start() {
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext instance = new SpringApplicationBuilder(sources).run(arguments);
        started.push(instance);
        return instance;
    }

    /** The HTTP port an instance listens on. */
    public static int port(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** A client of an instance's HTTP API. */
    public static ApiClient api(ConfigurableApplicationContext instance) {
        return new ApiClient(port(instance));
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}
