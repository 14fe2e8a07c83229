package dev.eventcommerce.platform.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The seed's endpoints every service has: {@code GET /health} in the seed's shape ({@code status}
 * {@code healthy}, or {@code unhealthy} with 503 when the database is down; {@code degraded} while a
 * secondary dependency such as Redis or RabbitMQ is down), {@code GET /} and {@code GET /metrics}.
 * Built on Spring's actuator health, which also serves {@code /actuator/health} for probes.
 */
@Controller
public class ServiceHealthController {

    /** Actuator component names and the seed's names for them. */
    private static final Map<String, String> DEPENDENCIES = Map.of(
            "db", "database", "redis", "redis", "rabbit", "rabbitmq");

    private final HealthEndpoint healthEndpoint;
    private final String serviceName;

    public ServiceHealthController(HealthEndpoint healthEndpoint, String serviceName) {
        this.healthEndpoint = healthEndpoint;
        this.serviceName = serviceName;
    }

    @GetMapping("/health")
    @ResponseBody
    public ResponseEntity<Map<String, Object>> health() {
        Map<String, Status> components = new LinkedHashMap<>();
        HealthDescriptor overall = healthEndpoint.health();
        if (overall instanceof CompositeHealthDescriptor composite) {
            composite.getComponents().forEach((name, descriptor) -> components.put(name, descriptor.getStatus()));
        }
        boolean databaseUp = Status.UP.equals(components.getOrDefault("db", Status.UNKNOWN));
        boolean allUp = components.values().stream().allMatch(Status.UP::equals);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !databaseUp ? "unhealthy" : allUp ? "healthy" : "degraded");
        body.put("service", serviceName);
        components.forEach((name, status) -> {
            String seedName = DEPENDENCIES.get(name);
            if (seedName != null) {
                body.put(seedName, Status.UP.equals(status) ? "connected" : "disconnected");
            }
        });
        body.put("timestamp", Instant.now().toString());
        return ResponseEntity.status(databaseUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    @GetMapping("/")
    @ResponseBody
    public Map<String, String> root() {
        return Map.of("service", serviceName, "status", "running", "docs", "/docs", "health", "/health");
    }

    @GetMapping("/metrics")
    public String metrics() {
        return "forward:/actuator/prometheus";
    }
}
