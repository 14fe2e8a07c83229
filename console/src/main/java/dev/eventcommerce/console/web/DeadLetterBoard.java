package dev.eventcommerce.console.web;

import dev.eventcommerce.console.ConsoleProperties;
import dev.eventcommerce.console.deadletters.DeadLetter;
import dev.eventcommerce.console.deadletters.DeadLetterActions;
import dev.eventcommerce.console.deadletters.DeadLetters;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The dead-letter page's data: every drained queue, its count of messages still dead and its newest messages, their
 * bodies cut to their first {@value DeadLetters#PREVIEW_BYTES} bytes (the page polls it every 1.5 s); one message with
 * its whole body when the operator asks for it.
 */
@Component
public class DeadLetterBoard {

    static final int NEWEST = 200;

    /** One queue. */
    public record Queue(String queue, long count, List<DeadLetter> messages) {
    }

    public record Queues(List<Queue> queues) {
    }

    private final ConsoleProperties properties;
    private final DeadLetters letters;

    public DeadLetterBoard(ConsoleProperties properties, DeadLetters letters) {
        this.properties = properties;
        this.letters = letters;
    }

    public boolean knows(String queue) {
        return properties.deadLetterQueues().contains(queue);
    }

    public DeadLetter letter(long id) {
        return letters.find(id).orElseThrow(() -> new DeadLetterActions.UnknownDeadLetterException(id));
    }

    public Queues queues() {
        Map<String, Long> counts = letters.deadCounts();
        return new Queues(properties.deadLetterQueues().stream()
                .map(queue -> new Queue(queue, counts.getOrDefault(queue, 0L), letters.newest(queue, NEWEST)))
                .toList());
    }
}
