package dev.eventcommerce.console.web;

import dev.eventcommerce.console.deadletters.DeadLetter;
import dev.eventcommerce.console.deadletters.DeadLetterActions;
import dev.eventcommerce.console.session.ConsoleAdmin;
import dev.eventcommerce.console.services.HealthBoard;
import dev.eventcommerce.console.services.ProcessorBoard;
import dev.eventcommerce.console.services.ServiceCalls;
import dev.eventcommerce.console.services.ServiceDirectory;
import dev.eventcommerce.platform.web.ServiceHealthController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** What the console's pages poll and post to (admin session and CSRF token required: ConsoleSecurity). */
@RestController
@RequestMapping(path = "/console/api", produces = MediaType.APPLICATION_JSON_VALUE)
public class ConsoleApi {

    private static final Pattern PROCESSOR_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ServiceDirectory directory;
    private final ProcessorBoard processors;
    private final HealthBoard health;
    private final ServiceHealthController ownHealth;
    private final DeadLetterBoard deadLetters;
    private final DeadLetterActions actions;

    public ConsoleApi(ServiceDirectory directory, ProcessorBoard processors, HealthBoard health,
                      ServiceHealthController ownHealth, DeadLetterBoard deadLetters, DeadLetterActions actions) {
        this.directory = directory;
        this.processors = processors;
        this.health = health;
        this.ownHealth = ownHealth;
        this.deadLetters = deadLetters;
        this.actions = actions;
    }

    /** Who is logged in, and until when. */
    record Session(long userId, String username, Instant expiresAt) {
    }

    @GetMapping("/session")
    Session session(@AuthenticationPrincipal ConsoleAdmin admin) {
        return new Session(admin.userId(), admin.username(), admin.expiresAt());
    }

    /** Every service's instances' health, and the console's own. */
    @GetMapping("/health")
    List<HealthBoard.ServiceHealth> health() {
        List<HealthBoard.ServiceHealth> all = new ArrayList<>(health.all());
        ResponseEntity<Map<String, Object>> own = ownHealth.health();
        ServiceCalls.Answer answer = new ServiceCalls.Answer(own.getStatusCode().value(),
                JSON.valueToTree(own.getBody()), null);
        HealthBoard.InstanceHealth console = HealthBoard.health("console (this instance)", answer);
        all.add(new HealthBoard.ServiceHealth("console", console.up(), List.of(console)));
        return all;
    }

    @GetMapping("/processors")
    List<ProcessorBoard.ServiceProcessors> processors(@AuthenticationPrincipal ConsoleAdmin admin) {
        return processors.all(admin.accessToken());
    }

    /** Starts a replay on the service (202, with the processor's status), or says why not as the service did. */
    @PostMapping("/processors/{service}/{name}/replay")
    ResponseEntity<?> replay(@AuthenticationPrincipal ConsoleAdmin admin, @PathVariable String service,
                             @PathVariable String name) {
        if (!directory.knows(service) || !PROCESSOR_NAME.matcher(name).matches()) {
            return problem(HttpStatus.NOT_FOUND, "No service " + quoted(service) + " with a processor " + quoted(name));
        }
        ServiceCalls.Answer answer = processors.replay(service, name, admin.accessToken());
        if (answer.ok()) {
            return ResponseEntity.accepted().body(answer.body());
        }
        if (!answer.reached()) {
            return problem(HttpStatus.BAD_GATEWAY, "No instance of " + service + " answered: " + answer.reason());
        }
        HttpStatus status = HttpStatus.resolve(answer.status());
        return problem(status == null || status.is5xxServerError() ? HttpStatus.BAD_GATEWAY : status,
                service + " refused the replay: " + answer.reason());
    }

    @GetMapping("/dead-letters")
    DeadLetterBoard.Queues deadLetters() {
        return deadLetters.queues();
    }

    /** One dead letter with its whole body (the list shows only the beginning of each). */
    @GetMapping("/dead-letters/{id}")
    DeadLetter deadLetter(@PathVariable long id) {
        return deadLetters.letter(id);
    }

    /** {@code unconfirmed=true}: the operator retries one whose last retry was not confirmed, having checked it. */
    @PostMapping("/dead-letters/{id}/retry")
    Object retry(@AuthenticationPrincipal ConsoleAdmin admin, @PathVariable long id,
                 @RequestParam(defaultValue = "false") boolean unconfirmed) {
        return actions.retry(id, admin.username(), unconfirmed);
    }

    /** Why a dead letter is discarded, kept with it. */
    record Discard(@NotBlank @Size(max = 1000) String reason) {
    }

    @PostMapping(path = "/dead-letters/{id}/discard", consumes = MediaType.APPLICATION_JSON_VALUE)
    Object discard(@AuthenticationPrincipal ConsoleAdmin admin, @PathVariable long id,
                   @Valid @RequestBody Discard discard) {
        return actions.discard(id, admin.username(), discard.reason().strip());
    }

    @PostMapping("/dead-letter-queues/{queue}/retry-all")
    ResponseEntity<?> retryAll(@AuthenticationPrincipal ConsoleAdmin admin, @PathVariable String queue) {
        if (!deadLetters.knows(queue)) {
            return problem(HttpStatus.NOT_FOUND, "The console drains no dead-letter queue named " + quoted(queue));
        }
        return ResponseEntity.ok(actions.retryAll(queue, admin.username()));
    }

    /** A request's value as a detail quotes it: its first 60 characters. */
    private static String quoted(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

}
