package dev.eventcommerce.user.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Failed logins in this instance's memory: at most {@code maxEntries}, each forgotten a while after its last failure. */
final class LocalLoginFailures implements LoginFailures {

    private final Cache<String, Failures> failures;
    private final LongSupplier nanoTime;

    LocalLoginFailures(int maxEntries, Duration memory, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.failures = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(memory.toNanos(), TimeUnit.NANOSECONDS)
                .ticker(nanoTime::getAsLong)
                .build();
    }

    @Override
    public List<Seen> read(List<Subject> subjects) {
        long now = nanoTime.getAsLong();
        return subjects.stream().map(subject -> {
            Failures seen = failures.getIfPresent(subject.toString());
            return seen == null ? Seen.NONE : new Seen(seen.count(), now - seen.lastAt());
        }).toList();
    }

    @Override
    public void record(List<Subject> subjects) {
        long now = nanoTime.getAsLong();
        for (Subject subject : subjects) {
            failures.asMap().compute(subject.toString(),
                    (k, current) -> current == null ? new Failures(1, now) : current.plusOne(now));
        }
    }

    @Override
    public void forget(List<Subject> subjects) {
        subjects.forEach(subject -> failures.invalidate(subject.toString()));
    }

    long entries() {
        failures.cleanUp();
        return failures.estimatedSize();
    }

    private record Failures(long count, long lastAt) {

        Failures plusOne(long now) {
            return new Failures(count == Long.MAX_VALUE ? count : count + 1, now);
        }
    }
}
