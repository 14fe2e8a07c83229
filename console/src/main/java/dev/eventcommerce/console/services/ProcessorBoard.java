package dev.eventcommerce.console.services;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Every service's streaming processors across all its instances, as one table: each instance's
 * {@code GET /admin/processors} (an instance that does not answer is shown down), merged per processor: its
 * segments and which instance holds each, the slowest position, the head, the lag, the errors, the replay's
 * progress, and the events per second between two successive readings.
 */
@Component
public class ProcessorBoard {

    static final String NEVER_REPLAYABLE = "It has effects outside its read model (it publishes messages): "
            + "a replay would send them again";

    /** An instance as the console reached it. */
    public record InstanceState(String url, boolean up, int status, String error) {
    }

    /** One service: its instances, and its processors or why it has none. */
    public record ServiceProcessors(String service, List<InstanceState> instances, boolean hasProcessors, String note,
                                    List<Processor> processors) {
    }

    /** A processor across the instances. */
    public record Processor(String name, boolean replayable, String notReplayableBecause, boolean replaying,
                            Integer progressPercent, Long position, Long head, Long lag, Double eventsPerSecond,
                            List<Segment> segments, List<String> errors, List<Running> instances) {
    }

    /** A segment: who holds it (the owner name in the token store, and the instance that reports it claimed). */
    public record Segment(int segment, String owner, String claimedBy, Long position, boolean replaying,
                          boolean caughtUp, String error) {
    }

    /** Whether the processor runs on an instance. */
    public record Running(String url, String instance, boolean running, boolean replaying) {
    }

    private final ServiceDirectory directory;
    private final ServiceCalls calls;
    private final LongSupplier nanoTime;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();

    @Autowired
    public ProcessorBoard(ServiceDirectory directory, ServiceCalls calls) {
        this(directory, calls, System::nanoTime);
    }

    ProcessorBoard(ServiceDirectory directory, ServiceCalls calls, LongSupplier nanoTime) {
        this.directory = directory;
        this.calls = calls;
        this.nanoTime = nanoTime;
    }

    public List<ServiceProcessors> all(String token) {
        return Parallel.map(directory.services(), service -> of(service, token));
    }

    public ServiceProcessors of(String service, String token) {
        List<ServiceDirectory.Instance> instances = directory.instances(service);
        List<ServiceCalls.Answer> answers = Parallel.map(instances,
                instance -> calls.get(instance.url(), "/admin/processors", token));
        List<InstanceState> states = new ArrayList<>();
        Map<String, List<Reading>> byProcessor = new TreeMap<>();
        boolean anyAnswered = false;
        boolean anyNotFound = false;
        for (int i = 0; i < instances.size(); i++) {
            ServiceCalls.Answer answer = answers.get(i);
            String url = instances.get(i).url();
            states.add(new InstanceState(url, answer.reached() && answer.status() < 500, answer.status(),
                    answer.ok() ? null : answer.reason()));
            if (answer.status() == 404) {
                anyNotFound = true;
            }
            if (answer.ok() && answer.body() != null && answer.body().isArray()) {
                anyAnswered = true;
                for (JsonNode status : answer.body()) {
                    byProcessor.computeIfAbsent(status.path("name").asString(), name -> new ArrayList<>())
                            .add(new Reading(url, status));
                }
            }
        }
        String note = null;
        if (!anyAnswered && anyNotFound) {
            note = "This service has no event processors (no event store: its /admin/processors answers 404)";
        } else if (!anyAnswered) {
            note = "No instance answered: " + states.stream().map(InstanceState::error).filter(Objects::nonNull)
                    .findFirst().orElse("none configured");
        }
        List<Processor> processors = byProcessor.entrySet().stream()
                .map(entry -> merge(service, entry.getKey(), entry.getValue()))
                .toList();
        return new ServiceProcessors(service, states, anyAnswered, note, processors);
    }

    /**
     * Asks the service to replay the processor: the first instance that answers (any instance can: the replay
     * pauses the processor on the others) decides; its answer is returned as it came.
     */
    public ServiceCalls.Answer replay(String service, String name, String token) {
        return calls.first(directory.instances(service),
                instance -> calls.postSlowly(instance.url(), "/admin/processors/{name}/replay", token, name));
    }

    private record Reading(String url, JsonNode status) {
    }

    private Processor merge(String service, String name, List<Reading> readings) {
        Map<Integer, Segment> segments = new TreeMap<>();
        List<Running> running = new ArrayList<>();
        boolean replayable = true;
        String notReplayableBecause = null;
        boolean replaying = false;
        Double progress = null;
        long head = -1;
        for (Reading reading : readings) {
            JsonNode status = reading.status();
            running.add(new Running(reading.url(), text(status, "instance"), status.path("running").asBoolean(),
                    status.path("replaying").asBoolean()));
            if (!status.path("replayable").asBoolean(true)) {
                replayable = false;
                notReplayableBecause = Objects.requireNonNullElse(text(status, "not_replayable_because"),
                        NEVER_REPLAYABLE);
            }
            head = Math.max(head, status.path("head").asLong(-1));
            if (status.path("replaying").asBoolean()) {
                replaying = true;
                double share = status.path("replay_progress").asDouble(0);
                progress = progress == null ? share : Math.min(progress, share);
            }
            for (JsonNode segment : status.path("segments")) {
                int number = segment.path("segment").asInt();
                boolean claimed = segment.path("claimed").asBoolean();
                // an instance reports the segments it holds as it runs them, the others as the token store has them
                Segment seen = new Segment(number, text(segment, "owner"), claimed ? reading.url() : null,
                        longOrNull(segment, "position"), segment.path("replaying").asBoolean(),
                        segment.path("caught_up").asBoolean(), text(segment, "error"));
                segments.merge(number, seen, (known, other) -> other.claimedBy() != null ? other : known);
            }
        }
        Long position = segments.values().stream()
                .map(segment -> segment.position() == null ? -1L : segment.position())
                .min(Comparator.naturalOrder()).filter(value -> value >= 0).orElse(null);
        Long lag = null;
        if (position != null) {
            lag = Math.max(0, head - position);
        } else if (head >= 0) {
            lag = head + 1;
        }
        List<String> errors = segments.values().stream().filter(segment -> segment.error() != null)
                .map(segment -> "segment " + segment.segment() + ": " + segment.error()).toList();
        Integer percent = replaying ? (int) Math.min(99, Math.floor((progress == null ? 0 : progress) * 100)) : null;
        return new Processor(name, replayable, replayable ? null : notReplayableBecause, replaying, percent, position,
                head < 0 ? null : head, lag, rate(service + "/" + name, position), List.copyOf(segments.values()),
                errors, running);
    }

    /**
     * Events per second since the previous reading at least a second old; the last rate in between. A position
     * that went back (a replay started) starts over.
     */
    private Double rate(String key, Long position) {
        if (position == null) {
            samples.remove(key);
            return null;
        }
        long now = nanoTime.getAsLong();
        Sample sample = samples.compute(key, (k, previous) -> {
            if (previous == null || position < previous.position()) {
                return new Sample(now, position, null);
            }
            double seconds = (now - previous.nanos()) / 1e9;
            if (seconds < 1) {
                return previous;
            }
            return new Sample(now, position, (position - previous.position()) / seconds);
        });
        return sample.rate() == null ? null : Math.round(sample.rate() * 10) / 10.0;
    }

    private record Sample(long nanos, long position, Double rate) {
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static Long longOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }
}
