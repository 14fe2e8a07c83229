package dev.eventcommerce.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast timestamp path reads exactly what Axon's parser reads. */
class PostgresEventStorageEngineTest {

    @Test
    void readsEveryTimestampAxonWritesAsAxonReadsIt() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            // 0001-01-01 .. 9999-12-31, with any nanosecond
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = DateTimeUtils.formatInstant(instant);
            assertThat(PostgresEventStorageEngine.parseTimestamp(text)).as(text)
                    .isEqualTo(DateTimeUtils.parseInstant(text))
                    .isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS)); // Axon writes milliseconds
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25T06:01:02Z", "2026-11-25T06:01:02.3Z", "2026-11-25T06:01:02.345678Z",
            "2026-11-25T06:01:02.123456789Z", "2024-02-29T23:59:59.999Z", "0001-01-01T00:00:00.000Z",
            "2026-11-25T07:01:02.345+01:00", "2026-11-25T06:01:02.345+00:00", "+12026-11-25T06:01:02.345Z",
            "2026-11-25T06:01:02.Z"})
    void readsOtherFormsAsAxonDoes(String text) {
        assertThat(PostgresEventStorageEngine.parseTimestamp(text)).isEqualTo(DateTimeUtils.parseInstant(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-11-25T24:00:00.000Z",
            "2026-11-25T06:01:02.1234567890Z", "2026-11-2xT06:01:02.345Z"})
    void refusesWhatAxonRefuses(String text) {
        assertThatThrownBy(() -> DateTimeUtils.parseInstant(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> PostgresEventStorageEngine.parseTimestamp(text))
                .isInstanceOf(DateTimeParseException.class);
    }
}
