package dev.eventcommerce.platform.operations;

import dev.eventcommerce.platform.web.WebAutoConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The operations API of every service (admin role only): its streaming processors, and their replay. */
@RestController
@Tag(name = "operations")
@SecurityRequirement(name = WebAutoConfiguration.BEARER_SCHEME)
public class ProcessorController {

    private final ProcessorOperations operations;

    public ProcessorController(ProcessorOperations operations) {
        this.operations = operations;
    }

    @Operation(summary = "Every streaming processor: running, replaying, segments, position, head, lag, progress")
    @GetMapping("/admin/processors")
    List<ProcessorStatus> processors() {
        return operations.statuses();
    }

    @Operation(summary = "One streaming processor")
    @GetMapping("/admin/processors/{name}")
    ProcessorStatus processor(@PathVariable String name) {
        return operations.status(name);
    }

    @Operation(summary = "Rebuild a processor's read model from the first event",
            description = "202 once the replay has started; 409 while one runs or for a processor that must never "
                    + "be replayed (the RabbitMQ bridge); 404 for an unknown name")
    @PostMapping("/admin/processors/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProcessorStatus replay(@PathVariable String name) {
        return operations.replay(name);
    }

    @ExceptionHandler(ProcessorOperations.UnknownProcessorException.class)
    ProblemDetail unknown(ProcessorOperations.UnknownProcessorException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ProcessorOperations.ReplayRefusedException.class)
    ProblemDetail refused(ProcessorOperations.ReplayRefusedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
