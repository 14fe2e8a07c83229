package dev.eventcommerce.console.web;

import dev.eventcommerce.console.deadletters.DeadLetterActions;
import dev.eventcommerce.console.session.ExpiredTokens;
import dev.eventcommerce.console.session.SessionEndedException;
import dev.eventcommerce.platform.web.DomainProblems;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The console's failures: a service refusing the admin's token ends the session (401 problem for the API, the login
 * page for a page); the dead-letter actions' refusals as problems (platform/web's {@link DomainProblems}).
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleProblems {

    @Bean
    DomainProblems deadLetterProblems() {
        return DomainProblems.of(Map.of(
                DeadLetterActions.UnknownDeadLetterException.class, HttpStatus.NOT_FOUND,
                DeadLetterActions.AlreadyHandledException.class, HttpStatus.CONFLICT,
                DeadLetterActions.MayHaveBeenDeliveredException.class, HttpStatus.CONFLICT,
                DeadLetterActions.NotRetryableException.class, HttpStatus.UNPROCESSABLE_ENTITY,
                DeadLetterActions.QueueGoneException.class, HttpStatus.CONFLICT,
                DeadLetterActions.PublishFailedException.class, HttpStatus.SERVICE_UNAVAILABLE,
                DeadLetterActions.PublishUnconfirmedException.class, HttpStatus.GATEWAY_TIMEOUT));
    }

    @ExceptionHandler(SessionEndedException.class)
    Object sessionEnded(SessionEndedException e, HttpServletRequest request) {
        ExpiredTokens.end(request);
        if (!request.getRequestURI().startsWith("/console/api/")) {
            return "redirect:/console/login?expired";
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "The console's session has ended: a service refused its token (" + e.getMessage() + "); log in again");
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
