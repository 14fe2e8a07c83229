package dev.eventcommerce.platform.axon;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Shares every streaming processor's segments among the instances of a context. Without Axon Server nothing
 * balances them: the first instance to start claims every segment and keeps it. Each instance here says it is
 * alive in {@code processor_instance} every {@code interval}; an instance that holds more than its fair share
 * of a processor's segments (the segment count over the live instances, rounded up) releases the extra ones
 * for a while, and another instance, which claims unclaimed segments every second, takes them. An instance
 * that leaves deletes its row, or stops being seen; the fair share of the others then grows and they take its
 * segments once its claims are released or have timed out. A processor of one segment (the bridges, whose
 * messages keep their order) runs on one instance at a time, the others standing by.
 *
 * <p>A replay needs every segment of its processor: the instance that starts one asks the others, through
 * {@code processor_pause}, to stop that processor until the reset is done ({@link #pauseElsewhere}).
 */
public class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final Configuration axonConfiguration;
    private final JdbcClient jdbc;
    private final Duration interval;
    private final String instanceId = ManagementFactory.getRuntimeMXBean().getName();
    private volatile boolean running;
    /** Processors this instance stopped because another instance is resetting them. */
    private final Set<String> pausedHere = ConcurrentHashMap.newKeySet();

    public SegmentBalancer(Configuration axonConfiguration, JdbcClient jdbc, Duration interval) {
        this.axonConfiguration = axonConfiguration;
        this.jdbc = jdbc;
        this.interval = interval;
    }

    /** The id this instance is known by, here and as the owner of the segments it claims. */
    public String instanceId() {
        return instanceId;
    }

    /** The instances seen lately, this one included. */
    public int liveInstances() {
        Integer live = jdbc.sql("SELECT count(*) FROM processor_instance WHERE heartbeat_at > now() - make_interval(secs => ?)")
                .param(liveness().toMillis() / 1000.0)
                .query(Integer.class).single();
        return Math.max(1, live);
    }

    void heartbeat() {
        jdbc.sql("""
                        INSERT INTO processor_instance (instance_id, heartbeat_at) VALUES (?, now())
                        ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = now()""")
                .param(instanceId).update();
        jdbc.sql("DELETE FROM processor_instance WHERE heartbeat_at < now() - interval '1 hour'").update();
    }

    /** Releases, for each processor, the segments this instance holds beyond its fair share. */
    void balance() {
        int live = liveInstances();
        axonConfiguration.eventProcessingConfiguration().eventProcessors().forEach((name, processor) -> {
            if (!(processor instanceof StreamingEventProcessor streaming) || !streaming.isRunning()) {
                return;
            }
            int segments = jdbc.sql("SELECT count(*) FROM tokenentry WHERE processorname = ?").param(name)
                    .query(Integer.class).single();
            int fairShare = (segments + live - 1) / live;
            List<Integer> held = streaming.processingStatus().keySet().stream().sorted().toList();
            for (int i = fairShare; i < held.size(); i++) {
                log.info("Processor {}: releasing segment {} ({} held, fair share {} of {} over {} instances)",
                        name, held.get(i), held.size(), fairShare, segments, live);
                streaming.releaseSegment(held.get(i), releaseFor().toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Asks the other instances to stop this processor for at most {@code maxPause}, until {@link #resume}. */
    public void pauseElsewhere(String processorName, Duration maxPause) {
        jdbc.sql("INSERT INTO processor_pause (processor_name, requested_by, until) "
                        + "VALUES (?, ?, now() + make_interval(secs => ?)) ON CONFLICT (processor_name) "
                        + "DO UPDATE SET requested_by = EXCLUDED.requested_by, until = EXCLUDED.until")
                .params(processorName, instanceId, maxPause.toMillis() / 1000.0).update();
    }

    public void resume(String processorName) {
        jdbc.sql("DELETE FROM processor_pause WHERE processor_name = ? AND requested_by = ?")
                .params(processorName, instanceId).update();
    }

    /** Stops the processors another instance is resetting, and starts again those it is done with. */
    void followPauses() {
        Set<String> paused = Set.copyOf(jdbc.sql(
                        "SELECT processor_name FROM processor_pause WHERE until > now() AND requested_by <> ?")
                .param(instanceId).query(String.class).list());
        axonConfiguration.eventProcessingConfiguration().eventProcessors().forEach((name, processor) -> {
            if (!(processor instanceof StreamingEventProcessor streaming)) {
                return;
            }
            if (paused.contains(name) && streaming.isRunning()) {
                log.info("Processor {}: stopped while another instance resets it", name);
                pausedHere.add(name);
                streaming.shutDown();
            } else if (!paused.contains(name) && pausedHere.remove(name)) {
                log.info("Processor {}: started again after another instance's reset", name);
                streaming.start();
            }
        });
    }

    /** Every {@code eventcommerce.processors.balance-interval}, while this instance runs its processors. */
    @Scheduled(fixedDelayString = "${eventcommerce.processors.balance-interval:2s}")
    void run() {
        if (!running) {
            return;
        }
        try {
            heartbeat();
            followPauses();
            balance();
        } catch (RuntimeException e) {
            log.warn("Segment balancing skipped this round: {}", e.getMessage());
        }
    }

    /** An instance not seen for three intervals is gone. */
    private Duration liveness() {
        return interval.multipliedBy(3);
    }

    /** Long enough for another instance to claim the segment, short enough to take it back if none does. */
    private Duration releaseFor() {
        return interval.multipliedBy(3);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            jdbc.sql("DELETE FROM processor_instance WHERE instance_id = ?").param(instanceId).update();
        } catch (RuntimeException e) {
            log.warn("Could not sign this instance off: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After Axon's processors have started, and stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
