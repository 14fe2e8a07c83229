package dev.eventcommerce.catalog.query;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;

/**
 * This instance's own copy of product JSON it has read from Redis, so that a cached read needs no round trip.
 * Every instance may hold a copy, so a change must reach them all before the write that made it answers
 * (read-your-writes on every instance). The instances talk over one Redis pub/sub channel:
 * <ul>
 *   <li>The projection, after writing Redis and before its transaction (and token) commits, publishes
 *   {@code drop} with the changed ids and waits until every instance it knows has answered {@code ack}, having
 *   dropped them; or, at most, for the lease below plus a margin.</li>
 *   <li>An instance serves its copy only under a lease: it publishes a {@code ping} every fifth of the lease
 *   and may serve copies for one lease after sending the last ping it has received back. Messages arrive in
 *   publishing order, so an instance that received its ping back has received every drop published before
 *   it; one that has not heard itself for a lease (Redis slow or gone, its subscriber stuck) serves from Redis
 *   or PostgreSQL instead. A writer that waited a lease after its publish therefore leaves no instance
 *   serving a copy older than its drop, whether it answered or not.</li>
 *   <li>Each (re)subscription clears the copies: drops published while it was away are lost.</li>
 *   <li>Copies are taken only from Redis hits (Redis is written before the drop is published), never from
 *   the read model's rows, and a copy taken while a drop was being handled is discarded.</li>
 * </ul>
 */
class ProductNearCache implements MessageListener, SubscriptionListener {

    private static final Logger log = LoggerFactory.getLogger(ProductNearCache.class);
    private static final long ACK_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final Map<Long, Copy> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long leaseNanos;
    private final String channel;
    private final Consumer<String> publisher;
    private final String instance = UUID.randomUUID().toString();
    /** Bumped by every drop and clear: a copy taken across one is discarded. */
    private final AtomicLong generation = new AtomicLong();
    /** The other instances, by the time their last ping or ack arrived. */
    private final Map<String, Long> members = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> awaited = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pinger;
    private volatile long leaseEnd = System.nanoTime();

    /**
     * @param publisher publishes a message on {@code channel}; throws when it cannot
     */
    ProductNearCache(int maxEntries, Duration lease, String channel, Consumer<String> publisher) {
        this.maxEntries = maxEntries;
        this.leaseNanos = lease.toNanos();
        this.channel = channel;
        this.publisher = publisher;
        // A thread of its own rather than @Scheduled: the ping period is a fifth of the lease, not a setting of its
        // own, and a job of the shared scheduler waiting on a database could hold the pings up past the lease.
        this.pinger = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "product-near-cache-ping");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, leaseNanos / 5);
        pinger.scheduleWithFixedDelay(this::ping, every, every, TimeUnit.NANOSECONDS);
    }

    String channel() {
        return channel;
    }

    void stop() {
        pinger.shutdownNow();
        send("bye " + instance);
    }

    /**
     * This instance's copy, if it may serve one: under the lease, and taken less than a lease ago. The age limit
     * bounds what a drop that never arrived can cost (a writer that could not publish it waits a lease before
     * it answers, so no copy older than its write is served after that); a copy is taken again from Redis.
     */
    Optional<byte[]> get(long productId) {
        Copy copy = leased() ? entries.get(productId) : null;
        if (copy == null || System.nanoTime() - copy.taken() > leaseNanos) {
            return Optional.empty();
        }
        return Optional.of(copy.json());
    }

    private record Copy(byte[] json, long taken) {
    }

    /** Taken before reading Redis, handed to {@link #put}: the drops handled so far, and when the read began. */
    Ticket ticket() {
        return new Ticket(generation.get(), System.nanoTime());
    }

    record Ticket(long generation, long at) {
    }

    /** Keeps a copy read from Redis, unless a drop was handled since {@code ticket} was taken. */
    void put(long productId, byte[] json, Ticket ticket) {
        if (!leased() || entries.size() >= maxEntries) {
            return;
        }
        Copy copy = new Copy(json, ticket.at());
        entries.put(productId, copy);
        if (generation.get() != ticket.generation()) {
            // a drop was handled meanwhile, perhaps before this put: the copy may be older than it
            entries.remove(productId, copy);
        }
    }

    /**
     * Tells every instance that these products changed (none: all of them), and returns once every instance
     * has dropped its copies of them, or can no longer serve its copies.
     */
    void drop(Collection<Long> productIds) {
        String nonce = UUID.randomUUID().toString();
        Set<String> acks = ConcurrentHashMap.newKeySet();
        awaited.put(nonce, acks);
        try {
            String ids = productIds.isEmpty() ? "*" : productIds.stream().map(String::valueOf)
                    .collect(Collectors.joining(","));
            boolean published = send("drop " + nonce + " " + instance + " " + ids);
            // past this, an instance that has not handled the drop has not heard its own pings for a lease
            long deadline = System.nanoTime() + leaseNanos + leaseNanos / 5;
            // once this instance has handled its own drop, it has seen every ping published before it: the
            // instances that may be serving copies
            boolean all = published && awaitAcks(acks, Set.of(instance), deadline)
                    && awaitAcks(acks, recentMembers(), deadline);
            if (!all) {
                LockSupport.parkNanos(Math.max(0, deadline - System.nanoTime()));
                if (!acks.contains(instance)) {
                    clear();
                }
            }
        } finally {
            awaited.remove(nonce);
        }
    }

    private boolean awaitAcks(Set<String> acks, Set<String> required, long deadline) {
        while (!acks.containsAll(required)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(ACK_POLL_NANOS);
        }
        return true;
    }

    private Set<String> recentMembers() {
        long now = System.nanoTime();
        Set<String> recent = new HashSet<>();
        recent.add(instance);
        members.forEach((member, seen) -> {
            if (now - seen < 2 * leaseNanos) {
                recent.add(member);
            }
        });
        return recent;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).split(" ");
        switch (parts[0]) {
            case "ping" -> {
                if (parts[1].equals(instance)) {
                    long end = Long.parseLong(parts[2]) + leaseNanos;
                    if (end - leaseEnd > 0) {
                        leaseEnd = end;
                    }
                } else {
                    members.put(parts[1], System.nanoTime());
                }
            }
            case "drop" -> {
                generation.incrementAndGet();
                if (parts[3].equals("*")) {
                    entries.clear();
                } else {
                    for (String id : parts[3].split(",")) {
                        entries.remove(Long.parseLong(id));
                    }
                }
                if (parts[2].equals(instance)) {
                    acknowledged(parts[1], instance);
                } else {
                    send("ack " + parts[1] + " " + instance);
                }
            }
            case "ack" -> {
                members.put(parts[2], System.nanoTime());
                acknowledged(parts[1], parts[2]);
            }
            case "bye" -> members.remove(parts[1]);
            default -> log.debug("Unknown product cache message ignored");
        }
    }

    /** On every (re)subscription: what was published while this instance was not listening is lost. */
    @Override
    public void onChannelSubscribed(byte[] subscribed, long count) {
        clear();
        log.info("Product near cache subscribed to {}", channel);
    }

    int size() {
        return entries.size();
    }

    private void clear() {
        generation.incrementAndGet();
        entries.clear();
    }

    private void acknowledged(String nonce, String member) {
        Set<String> acks = awaited.get(nonce);
        if (acks != null) {
            acks.add(member);
        }
    }

    private boolean leased() {
        return leaseEnd - System.nanoTime() > 0;
    }

    private void ping() {
        send("ping " + instance + " " + System.nanoTime());
    }

    private boolean send(String message) {
        try {
            publisher.accept(message);
            return true;
        } catch (RuntimeException e) {
            log.debug("Product cache message not published: {}", e.toString());
            return false;
        }
    }
}
