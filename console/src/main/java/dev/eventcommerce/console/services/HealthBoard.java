package dev.eventcommerce.console.services;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Every instance's {@code GET /health} (public: no token sent), per service. */
@Component
public class HealthBoard {

    /** One instance's health: UP when it answers healthy or degraded, with its dependencies as it names them. */
    public record InstanceHealth(String url, boolean up, String status, Map<String, String> dependencies,
                                 String error) {
    }

    /** A service is UP while one of its instances is. */
    public record ServiceHealth(String service, boolean up, List<InstanceHealth> instances) {
    }

    private static final List<String> NOT_DEPENDENCIES = List.of("status", "service", "timestamp");

    private final ServiceDirectory directory;
    private final ServiceCalls calls;

    public HealthBoard(ServiceDirectory directory, ServiceCalls calls) {
        this.directory = directory;
        this.calls = calls;
    }

    public List<ServiceHealth> all() {
        return Parallel.map(directory.services(), this::of);
    }

    private ServiceHealth of(String service) {
        List<InstanceHealth> instances = Parallel.map(directory.instances(service),
                instance -> health(instance.url(), calls.getPublic(instance.url(), "/health")));
        return new ServiceHealth(service, instances.stream().anyMatch(InstanceHealth::up), instances);
    }

    /** An instance's answer to {@code /health} as the overview shows it. */
    public static InstanceHealth health(String url, ServiceCalls.Answer answer) {
        Map<String, String> dependencies = new LinkedHashMap<>();
        String status = null;
        if (answer.body() != null && answer.body().isObject()) {
            JsonNode body = answer.body();
            status = body.path("status").asString(null);
            for (Map.Entry<String, JsonNode> field : body.properties()) {
                if (!NOT_DEPENDENCIES.contains(field.getKey()) && field.getValue().isString()) {
                    dependencies.put(field.getKey(), field.getValue().asString());
                }
            }
        }
        boolean up = answer.ok() && ("healthy".equals(status) || "degraded".equals(status));
        return new InstanceHealth(url, up, status != null ? status : answer.reached() ? "HTTP " + answer.status() : "unreachable",
                dependencies, answer.reached() ? null : answer.failure());
    }
}
