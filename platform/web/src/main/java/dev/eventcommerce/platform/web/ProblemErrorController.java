package dev.eventcommerce.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one {@code /error} handler (Boot's BasicErrorController backs off for it): errors raised outside
 * Spring MVC, by the servlet container, a filter or a {@code sendError}, answered as problem+json through
 * {@link ErrorProblems}.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping(value = "/error", produces = MediaType.ALL_VALUE)
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 && value <= 599
                ? value : HttpStatus.INTERNAL_SERVER_ERROR.value();
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail problem = ErrorProblems.forError(status,
                (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION), uri == null ? null : uri.toString());
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
