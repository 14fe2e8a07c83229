package dev.eventcommerce.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class DomainProblemsTest {

    static class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    static class GoneForGood extends NotFound {
        GoneForGood() {
            super("gone for good");
        }
    }

    static class Refused extends RuntimeException {
        Refused() {
            super("refused");
        }
    }

    private final DomainProblems table = DomainProblems.of(Map.of(
            NotFound.class, HttpStatus.NOT_FOUND,
            Refused.class, HttpStatus.FORBIDDEN));

    @Test
    void aMappedExceptionIsAnsweredWithItsStatusAndMessage() {
        ProblemDetail answer = table.answer(new Refused()).orElseThrow();
        assertThat(answer.getStatus()).isEqualTo(403);
        assertThat(answer.getDetail()).isEqualTo("refused");
    }

    @Test
    void aSubclassTakesItsNearestMappedSuperclassesStatus() {
        ProblemDetail answer = table.answer(new GoneForGood()).orElseThrow();
        assertThat(answer.getStatus()).isEqualTo(404);
        assertThat(answer.getDetail()).isEqualTo("gone for good");
    }

    @Test
    void aWrappedExceptionIsFoundByItsCause() {
        assertThat(table.answer(new CompletionException(new NotFound("product 7 not found"))))
                .hasValueSatisfying(answer -> assertThat(answer.getDetail()).isEqualTo("product 7 not found"));
    }

    @Test
    void anUnmappedExceptionIsNotAnswered() {
        assertThat(table.answer(new IllegalStateException("boom", new RuntimeException()))).isEmpty();
    }
}
