package dev.eventcommerce.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonFindsItAndGivesEveryMessageOne() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);

        UUID identifier = UUID.fromString(GenericEventMessage.asEventMessage("payload").getIdentifier());
        assertThat(identifier.version()).isEqualTo(7);
    }

    @Test
    void aVersionSevenUuidCarryingItsMillisecond() {
        long millis = Instant.parse("2026-11-30T12:34:56.789Z").toEpochMilli();

        UUID identifier = TimeOrderedIdentifierFactory.next(millis);

        assertThat(identifier.version()).isEqualTo(7);
        assertThat(identifier.variant()).isEqualTo(2);
        assertThat(identifier.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(identifier.toString()).startsWith("01a22c73-8095-7");
    }

    @Test
    void laterMillisecondsSortLaterAsTextAndNoIdentifierRepeatsAcrossThreads() throws Exception {
        assertThat(TimeOrderedIdentifierFactory.next(1_000).toString())
                .isLessThan(TimeOrderedIdentifierFactory.next(1_001).toString());

        IdentifierFactory factory = new TimeOrderedIdentifierFactory();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        seen.add(factory.generateIdentifier());
                    }
                }));
            }
            for (Future<?> done : work) {
                done.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(seen).hasSize(200_000);
    }
}
