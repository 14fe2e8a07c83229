package dev.eventcommerce.console.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.console.ConsoleProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ProcessorBoardTest {

    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicLong nanos = new AtomicLong();
    private final ConsoleProperties properties = new ConsoleProperties(Map.of("ordering", "http://127.0.0.1:1"),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), URI.create("http://jaeger"), List.of(),
            Duration.ofSeconds(1));
    private final ServiceCalls calls = new ServiceCalls(properties) {
        @Override
        public Answer get(String baseUrl, String path, String token, Object... variables) {
            return new Answer(200, JsonMapper.builder().build().readTree(answer.get()), null);
        }
    };
    private final ProcessorBoard board = new ProcessorBoard(new ServiceDirectory(properties), calls, nanos::get);

    private static String status(String position, long head, boolean claimed) {
        return "[{\"name\":\"order-view\",\"instance\":\"a\",\"running\":true,\"replaying\":false,\"replayable\":true,"
                + "\"segments\":[{\"segment\":0,\"claimed\":" + claimed + ",\"owner\":\"a\",\"position\":" + position
                + ",\"replaying\":false,\"caught_up\":true,\"error\":null}],\"position\":" + position + ",\"head\":" + head
                + ",\"lag\":null,\"replay_progress\":null}]";
    }

    @Test
    void aProcessorThatHasSeenNoEventYetInAnEmptyStoreHasNoPositionAndNoLag() {
        answer.set(status("null", -1, true));

        ProcessorBoard.Processor processor = board.of("ordering", "token").processors().get(0);

        assertThat(processor.position()).isNull();
        assertThat(processor.head()).isNull();
        assertThat(processor.lag()).isNull();
        assertThat(processor.eventsPerSecond()).isNull();
    }

    @Test
    void eventsPerSecondComeFromTwoReadingsAtLeastASecondApartAndStartOverWhenThePositionGoesBack() {
        answer.set(status("100", 1000, true));
        assertThat(board.of("ordering", "t").processors().get(0).eventsPerSecond()).isNull();

        nanos.addAndGet(500_000_000L);
        answer.set(status("150", 1000, true));
        assertThat(board.of("ordering", "t").processors().get(0).eventsPerSecond()).isNull();

        nanos.addAndGet(1_500_000_000L);
        answer.set(status("400", 1000, true));
        ProcessorBoard.Processor processor = board.of("ordering", "t").processors().get(0);
        assertThat(processor.eventsPerSecond()).isEqualTo(150.0);
        assertThat(processor.lag()).isEqualTo(600);

        nanos.addAndGet(1_000_000_000L);
        answer.set(status("5", 1000, true));
        assertThat(board.of("ordering", "t").processors().get(0).eventsPerSecond()).isNull();
    }

    @Test
    void theSlowestPositionCountsTheSegmentsNoInstanceHasClaimedAsTheirTokensAreStored() {
        answer.set("[{\"name\":\"order-view\",\"instance\":\"a\",\"running\":true,\"replaying\":true,"
                + "\"replayable\":true,\"segments\":["
                + "{\"segment\":0,\"claimed\":true,\"owner\":\"a\",\"position\":900,\"replaying\":false},"
                + "{\"segment\":1,\"claimed\":false,\"owner\":null,\"position\":100,\"replaying\":true}],"
                + "\"position\":900,\"head\":1000,\"lag\":100,\"replay_progress\":0.1}]");

        ProcessorBoard.Processor processor = board.of("ordering", "t").processors().get(0);

        assertThat(processor.position()).isEqualTo(100);
        assertThat(processor.lag()).isEqualTo(900);
        assertThat(processor.replaying()).isTrue();
        assertThat(processor.progressPercent()).isEqualTo(10);
        assertThat(processor.segments().get(1).claimedBy()).isNull();
        assertThat(processor.segments().get(1).position()).isEqualTo(100);
    }
}
