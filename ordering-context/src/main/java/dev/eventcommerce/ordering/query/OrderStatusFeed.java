package dev.eventcommerce.ordering.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.eventcommerce.ordering.api.OrderDeleted;
import dev.eventcommerce.ordering.api.OrderEvent;
import dev.eventcommerce.ordering.api.OrderPlaced;
import dev.eventcommerce.ordering.api.OrderStatusChanged;
import dev.eventcommerce.ordering.api.OrderStatusUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every change of an order's status, told as it is stored to whoever follows the order (or all of a user's
 * orders) on this instance, whichever instance stored it: fed from the shared event store, not from this
 * instance's own commands.
 *
 * <p>One reader thread per instance tails the event store with Axon's gap-aware tracking token (an event whose
 * transaction commits late, below others already read, is still read) and hands each order event to the
 * followers it concerns. It runs only while someone follows: with no follower nothing is read and no event costs
 * anything more; it stops {@value #IDLE_STOP_SECONDS} s after the last follower left. Events of orders nobody
 * follows are passed over on their aggregate identifier and serialized type, not deserialized; except that while
 * a user follows all of their orders, every {@code OrderPlaced} is, to learn whose order it is.
 *
 * <p>A follower's position is a tracking token too (what it has been told, or knew already): it is given with
 * every update as the event's id ({@link #id}), and a follower that comes back with it (an SSE
 * {@code Last-Event-ID}) is told exactly what it missed, read from the store, at most
 * {@code max-resume-events} events back; beyond that, or without one, it is told the current status first. A
 * follower is registered before anything is read for it, so no change falls between what it is told first and
 * what follows live; what it was told first is never told again (an event its position covers is skipped).
 */
@Component
public class OrderStatusFeed implements SmartLifecycle {

    static final int IDLE_STOP_SECONDS = 10;
    /** The reader starts this many events below the head: transactions still committing there are read too. */
    static final long START_BELOW_HEAD = 1000;
    private static final int CHUNK = 500;
    private static final long MAX_CHUNK_WAIT_NANOS = Duration.ofMillis(50).toNanos();
    private static final int MAX_GAPS_IN_ID = 1000;
    private static final Set<Class<?>> ORDER_EVENTS = Set.of(OrderPlaced.class, OrderStatusChanged.class,
            OrderDeleted.class);
    private static final String PLACED_TYPE = OrderPlaced.class.getName();
    private static final String DELETED_TYPE = OrderDeleted.class.getName();
    private static final Logger log = LoggerFactory.getLogger(OrderStatusFeed.class);

    private final EventStorageEngine events;
    private final Serializer serializer;
    private final JdbcClient jdbc;
    private final Duration pollInterval;
    private final long maxResumeEvents;
    private final int currentOrdersOfAUser;
    /** Whose order each order is: the user streams need it for every event; an order's owner never changes. */
    private final Cache<Long, Long> owners = Caffeine.newBuilder().maximumSize(100_000).build();

    private final Object lock = new Object();
    private final Map<Long, Set<Follower>> byOrder = new HashMap<>();
    private final Map<Long, Set<Follower>> byUser = new HashMap<>();
    private int followers;
    private GapAwareTrackingToken position;
    private Thread reader;
    private volatile boolean running;

    OrderStatusFeed(EventStorageEngine events, @Qualifier("eventSerializer") Serializer serializer, JdbcClient jdbc,
                    @Value("${eventcommerce.ordering.status-feed.poll-interval:100ms}") Duration pollInterval,
                    @Value("${eventcommerce.ordering.status-feed.max-resume-events:10000}") long maxResumeEvents,
                    @Value("${eventcommerce.ordering.status-feed.current-orders-of-a-user:100}") int currentOrdersOfAUser) {
        this.events = events;
        this.serializer = serializer;
        this.jdbc = jdbc;
        this.pollInterval = pollInterval;
        this.maxResumeEvents = maxResumeEvents;
        this.currentOrdersOfAUser = currentOrdersOfAUser;
    }

    /** Whose an order is, and whether it is deleted, from the event store; empty for an unknown order. */
    public Optional<FollowedOrder> order(long orderId) {
        Long owner = ownersOf(Set.of(orderId)).get(orderId);
        if (owner == null) {
            return Optional.empty();
        }
        boolean deleted = jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?")
                .params(String.valueOf(orderId), DELETED_TYPE).query(Long.class).single() > 0;
        return Optional.of(new FollowedOrder(owner, deleted));
    }

    /**
     * Follows one order ({@code orderId}) or all of a user's ({@code userId}; the other null): the listener is
     * told, with each update's id, the current status first (of the user's {@code current-orders-of-a-user} newest
     * orders) or, with a {@code lastEventId} it was given not too long ago, every change it missed since; then each
     * change as it is stored. Called on this thread until {@code subscribe} returns, then on the reader's: the
     * listener must not block.
     */
    public Subscription subscribe(Long orderId, Long userId, String lastEventId,
                                  BiConsumer<String, OrderStatusUpdate> listener) {
        Follower follower = new Follower(orderId, userId, listener);
        GapAwareTrackingToken registeredAt;
        synchronized (lock) {
            if (!running) {
                throw new IllegalStateException("The order status feed is stopped");
            }
            startReading();
            (orderId != null ? byOrder.computeIfAbsent(orderId, id -> new HashSet<>())
                    : byUser.computeIfAbsent(userId, id -> new HashSet<>())).add(follower);
            followers++;
            registeredAt = position;
        }
        Subscription subscription = () -> unsubscribe(follower);
        try {
            GapAwareTrackingToken resumeAt = resumable(lastEventId);
            if (resumeAt != null) {
                follower.start(resumeAt, missedSince(follower, resumeAt));
            } else {
                follower.start(registeredAt, currentAt(follower, registeredAt));
            }
            return subscription;
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
    }

    /** Whose an order is and whether it reads 404. */
    public record FollowedOrder(long userId, boolean deleted) {
    }

    /** Stops the updates of one follower. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** The id of a position: its index, then the indexes below it not yet seen (transactions still open), by _. */
    static String id(GapAwareTrackingToken token) {
        StringBuilder id = new StringBuilder().append(token.getIndex());
        SortedSet<Long> gaps = token.getGaps();
        gaps.stream().skip(Math.max(0, gaps.size() - MAX_GAPS_IN_ID)).forEach(gap -> id.append('_').append(gap));
        return id.toString();
    }

    /** The position an id stands for; null for anything this feed did not write. */
    static GapAwareTrackingToken position(String id) {
        if (id == null || id.isBlank() || id.length() > 20 * (MAX_GAPS_IN_ID + 1)) {
            return null;
        }
        String[] parts = id.trim().split("_", -1);
        try {
            long index = Long.parseLong(parts[0]);
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                long gap = Long.parseLong(parts[i]);
                if (gap < 0 || gap >= index) {
                    return null;
                }
                gaps.add(gap);
            }
            return index < 0 ? null : GapAwareTrackingToken.newInstance(index, gaps);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean covers(GapAwareTrackingToken token, long index) {
        return index <= token.getIndex() && !token.getGaps().contains(index);
    }

    /** A position a follower may resume from: one of ours, not ahead of the store, not too far behind it. */
    private GapAwareTrackingToken resumable(String lastEventId) {
        GapAwareTrackingToken token = position(lastEventId);
        if (token == null) {
            return null;
        }
        long head = head();
        boolean recent = token.getIndex() <= head && head - token.getIndex() <= maxResumeEvents
                && (token.getGaps().isEmpty() || token.getIndex() - token.getGaps().first() <= maxResumeEvents);
        return recent ? token : null;
    }

    private long head() {
        return jdbc.sql("SELECT coalesce(max(globalindex), -1) FROM domainevententry").query(Long.class).single();
    }

    /** What the follower missed: every event of its orders the position does not cover, read from the store. */
    private List<Tracked> missedSince(Follower follower, GapAwareTrackingToken since) {
        List<Tracked> missed = new ArrayList<>();
        GapAwareTrackingToken previous = since;
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(since, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            List<TrackedEventMessage<?>> chunk = new ArrayList<>(CHUNK);
            while (iterator.hasNext()) {
                chunk.add(iterator.next());
                if (chunk.size() == CHUNK || !iterator.hasNext()) {
                    Map<Long, Long> owners = follower.userId == null ? Map.of() : ownersOf(orderIds(chunk));
                    for (TrackedEventMessage<?> message : chunk) {
                        Long order = orderId(message);
                        if (order != null && (order.equals(follower.orderId)
                                || (follower.userId != null && follower.userId.equals(owners.get(order))))) {
                            missed.add(tracked(previous, (DomainEventMessage<?>) message));
                        }
                        previous = (GapAwareTrackingToken) message.trackingToken();
                    }
                    chunk.clear();
                }
            }
        }
        return missed;
    }

    /**
     * The current status of the follower's orders as the event store had them at the position (an order's events
     * the position covers), so that what follows live (what it does not cover) is exactly the rest.
     */
    private List<Tracked> currentAt(Follower follower, GapAwareTrackingToken at) {
        List<String> orders = follower.orderId != null ? List.of(String.valueOf(follower.orderId))
                : jdbc.sql("SELECT id FROM orders WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")
                        .params(follower.userId, currentOrdersOfAUser).query(Long.class).list()
                        .stream().map(String::valueOf).toList();
        if (orders.isEmpty()) {
            return List.of();
        }
        Map<String, StoredEvent> latest = new LinkedHashMap<>();
        jdbc.sql("SELECT aggregateidentifier, globalindex, sequencenumber, payloadtype, payloadrevision, payload, timestamp "
                        + "FROM domainevententry WHERE aggregateidentifier = ANY (?) ORDER BY globalindex")
                .param(orders.toArray(String[]::new))
                .query((rs, row) -> new StoredEvent(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getBytes(6), rs.getString(7)))
                .list().stream()
                .filter(event -> covers(at, event.globalIndex()))
                .forEach(event -> latest.put(event.aggregate(), event));
        return latest.values().stream()
                .map(event -> new Tracked(event.globalIndex(), null, OrderStatusUpdate.of(
                        (OrderEvent) serializer.deserialize(new SimpleSerializedObject<>(event.payload(), byte[].class,
                                event.type(), event.revision())), event.sequence(), Instant.parse(event.timestamp()))))
                // a deleted order reads 404: it is no current order of its user
                .filter(tracked -> follower.orderId != null || !tracked.update().deleted())
                .sorted((a, b) -> Long.compare(a.index(), b.index()))
                .toList();
    }

    private record StoredEvent(String aggregate, long globalIndex, long sequence, String type, String revision,
                               byte[] payload, String timestamp) {
    }

    /** An update and where it stands in the store; a current status told first has no position of its own. */
    record Tracked(long index, GapAwareTrackingToken token, OrderStatusUpdate update) {
    }

    /** An event read after the position {@code before}. */
    private static Tracked tracked(GapAwareTrackingToken before, DomainEventMessage<?> message) {
        GapAwareTrackingToken after = (GapAwareTrackingToken) ((TrackedEventMessage<?>) message).trackingToken();
        return new Tracked(indexOf(before, after), after, OrderStatusUpdate.of((OrderEvent) message.getPayload(),
                message.getSequenceNumber(), message.getTimestamp()));
    }

    /**
     * The global index of the event that moved a position from {@code before} to {@code after}: the new index, or,
     * for an event committed late, the gap it filled (a message carries the position after it, not its index).
     */
    static long indexOf(GapAwareTrackingToken before, GapAwareTrackingToken after) {
        if (after.getIndex() > before.getIndex()) {
            return after.getIndex();
        }
        return before.getGaps().stream().filter(gap -> !after.getGaps().contains(gap)).max(Long::compare)
                .orElse(after.getIndex());
    }

    /** The order an event is of, for order events only; decided without reading the payload. */
    private static Long orderId(TrackedEventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> domain) || !ORDER_EVENTS.contains(message.getPayloadType())) {
            return null;
        }
        try {
            return Long.valueOf(domain.getAggregateIdentifier());
        } catch (NumberFormatException notAnOrder) {
            return null;
        }
    }

    private static Set<Long> orderIds(Collection<? extends TrackedEventMessage<?>> messages) {
        return messages.stream().map(OrderStatusFeed::orderId).filter(id -> id != null).collect(Collectors.toSet());
    }

    /** Whose these orders are: remembered, else from their placing event (one query for all). */
    private Map<Long, Long> ownersOf(Set<Long> orderIds) {
        Map<Long, Long> known = new HashMap<>(owners.getAllPresent(orderIds));
        String[] unknown = orderIds.stream().filter(id -> !known.containsKey(id)).map(String::valueOf)
                .toArray(String[]::new);
        if (unknown.length > 0) {
            jdbc.sql("SELECT payloadrevision, payload FROM domainevententry "
                            + "WHERE aggregateidentifier = ANY (?) AND sequencenumber = 0 AND payloadtype = ?")
                    .params(unknown, PLACED_TYPE)
                    .query((rs, row) -> (OrderPlaced) serializer.deserialize(new SimpleSerializedObject<>(
                            rs.getBytes(2), byte[].class, PLACED_TYPE, rs.getString(1))))
                    .list()
                    .forEach(placed -> {
                        owners.put(placed.orderId(), placed.userId());
                        known.put(placed.orderId(), placed.userId());
                    });
        }
        return known;
    }

    private void unsubscribe(Follower follower) {
        synchronized (lock) {
            Map<Long, Set<Follower>> index = follower.orderId != null ? byOrder : byUser;
            Long key = follower.orderId != null ? follower.orderId : follower.userId;
            Set<Follower> set = index.get(key);
            if (set != null && set.remove(follower)) {
                followers--;
                if (set.isEmpty()) {
                    index.remove(key);
                }
            }
        }
    }

    /** Under the lock: the reader runs from a little below the head, unless it already runs. */
    private void startReading() {
        if (reader != null) {
            return;
        }
        // global indexes start at 1: a position at 0 has no gap below it
        position = GapAwareTrackingToken.newInstance(Math.max(0, head() - START_BELOW_HEAD), List.of());
        Thread thread = new Thread(this::read, "order-status-feed");
        thread.setDaemon(true);
        reader = thread;
        thread.start();
    }

    private void read() {
        long idleSince = System.nanoTime();
        while (true) {
            GapAwareTrackingToken from;
            synchronized (lock) {
                if (followers > 0) {
                    idleSince = System.nanoTime();
                }
                if (!running || System.nanoTime() - idleSince > Duration.ofSeconds(IDLE_STOP_SECONDS).toNanos()) {
                    reader = null;
                    position = null;
                    return;
                }
                from = position;
            }
            boolean read = false;
            try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(from, false)) {
                Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
                List<TrackedEventMessage<?>> chunk = new ArrayList<>(CHUNK);
                long chunkStarted = 0;
                while (running && iterator.hasNext()) {
                    if (chunk.isEmpty()) {
                        chunkStarted = System.nanoTime();
                    }
                    chunk.add(iterator.next());
                    // under a steady stream of commits the store is never read empty: a chunk also goes after a while
                    if (chunk.size() == CHUNK || System.nanoTime() - chunkStarted > MAX_CHUNK_WAIT_NANOS
                            || !iterator.hasNext()) {
                        dispatch(chunk);
                        chunk.clear();
                        read = true;
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Reading order events for their followers failed ({}); trying again", e.getMessage());
                pause(Duration.ofSeconds(1));
                continue;
            }
            if (!read) {
                pause(pollInterval);
            }
        }
    }

    /** Hands the events to their followers, and moves the reader's position past them. */
    private void dispatch(List<TrackedEventMessage<?>> chunk) {
        boolean usersFollowed;
        synchronized (lock) {
            usersFollowed = !byUser.isEmpty();
        }
        if (usersFollowed) {
            chunk.stream().filter(message -> message.getPayloadType() == OrderPlaced.class)
                    .map(message -> (OrderPlaced) message.getPayload())
                    .forEach(placed -> owners.put(placed.orderId(), placed.userId()));
            ownersOf(orderIds(chunk));
        }
        synchronized (lock) {
            for (TrackedEventMessage<?> message : chunk) {
                GapAwareTrackingToken before = position;
                position = (GapAwareTrackingToken) message.trackingToken();
                Long order = orderId(message);
                if (order == null) {
                    continue;
                }
                List<Follower> concerned = new ArrayList<>(byOrder.getOrDefault(order, Set.of()));
                if (!byUser.isEmpty()) {
                    Long owner = owners.getIfPresent(order);
                    if (owner == null) {
                        // a user's first follower came after the owners were learnt: rare, looked up here
                        owner = ownersOf(Set.of(order)).get(order);
                    }
                    if (owner != null) {
                        concerned.addAll(byUser.getOrDefault(owner, Set.of()));
                    }
                }
                if (!concerned.isEmpty()) {
                    Tracked tracked = tracked(before, (DomainEventMessage<?>) message);
                    concerned.forEach(follower -> follower.offer(tracked));
                }
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One follower: what it has been told, or knew, as a position; the updates that came live while it was being
     * told what came first wait until then.
     */
    private static final class Follower {

        final Long orderId;
        final Long userId;
        final BiConsumer<String, OrderStatusUpdate> listener;
        private GapAwareTrackingToken told;
        private List<Tracked> waiting = new ArrayList<>();

        Follower(Long orderId, Long userId, BiConsumer<String, OrderStatusUpdate> listener) {
            this.orderId = orderId;
            this.userId = userId;
            this.listener = listener;
        }

        /** Tells what comes first (all at the position {@code at}, or each at its own), then what came meanwhile. */
        synchronized void start(GapAwareTrackingToken at, List<Tracked> first) {
            told = at;
            for (Tracked tracked : first) {
                if (tracked.token() == null) {
                    listener.accept(id(told), tracked.update());
                } else {
                    tell(tracked);
                }
            }
            List<Tracked> meanwhile = waiting;
            waiting = null;
            meanwhile.forEach(this::tell);
        }

        synchronized void offer(Tracked tracked) {
            if (waiting != null) {
                waiting.add(tracked);
            } else {
                tell(tracked);
            }
        }

        private void tell(Tracked tracked) {
            if (covers(told, tracked.index())) {
                return;
            }
            told = (GapAwareTrackingToken) told.upperBound(tracked.token());
            listener.accept(id(told), tracked.update());
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        synchronized (lock) {
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
