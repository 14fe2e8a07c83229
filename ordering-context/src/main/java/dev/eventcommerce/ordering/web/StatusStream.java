package dev.eventcommerce.ordering.web;

import dev.eventcommerce.ordering.api.OrderStatusUpdate;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One open status stream: its frames wait in a queue of their own and are written by a shared pool of sender
 * threads, one frame after another, so that neither a request thread nor the feed's reader ever waits for a
 * client. A client too slow to take {@code maxQueued} frames is dropped ("too_slow"). Closing sends a final
 * {@code closed} event with the reason and completes the response; whatever ends the stream (closing, the client
 * leaving, a write failing) releases it once.
 */
final class StatusStream {

    static final String STATUS = "status";
    static final String DELETED = "deleted";
    static final String CLOSED = "closed";

    final long userId;
    final long issuedAtEpochSecond;
    final Instant expiresAt;
    private final SseEmitter emitter;
    private final boolean oneOrder;
    private final Executor senders;
    private final JsonMapper json;
    private final int maxQueued;
    private final Queue<Object> frames = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private final List<Runnable> onRelease = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    StatusStream(SseEmitter emitter, boolean oneOrder, long userId, long issuedAtEpochSecond, Instant expiresAt,
                 Executor senders, JsonMapper json, int maxQueued) {
        this.emitter = emitter;
        this.oneOrder = oneOrder;
        this.userId = userId;
        this.issuedAtEpochSecond = issuedAtEpochSecond;
        this.expiresAt = expiresAt;
        this.senders = senders;
        this.json = json;
        this.maxQueued = maxQueued;
        emitter.onCompletion(this::release);
        emitter.onError(failure -> release());
        emitter.onTimeout(() -> close(OrderStatusStreams.Closed.TOKEN_EXPIRED));
    }

    /** Runs once, when the stream ends for whatever reason. */
    void onRelease(Runnable action) {
        onRelease.add(action);
        if (released.get()) {
            action.run();
        }
    }

    /** The reconnection delay, first: it also sends the headers at once, before there is anything to tell. */
    void retry(Duration delay) {
        enqueue(SseEmitter.event().reconnectTime(delay.toMillis()));
    }

    /** An update of the feed; a single order's stream ends after its deletion. */
    void update(String id, OrderStatusUpdate update) {
        enqueue(SseEmitter.event().id(id).name(update.deleted() ? DELETED : STATUS)
                .data(json.writeValueAsString(OrderStatusStreams.StatusEvent.of(update)), MediaType.APPLICATION_JSON));
        if (update.deleted() && oneOrder) {
            finish(null);
        }
    }

    void heartbeat() {
        if (frames.isEmpty()) {
            enqueue(SseEmitter.event().comment("heartbeat"));
        }
    }

    /** Ends the stream with a final {@code closed} event saying why. */
    void close(String reason) {
        finish(reason);
    }

    private void finish(String reason) {
        if (closing) {
            return;
        }
        closing = true;
        frames.add(new Finish(reason));
        send();
    }

    private record Finish(String reason) {
    }

    private void enqueue(SseEmitter.SseEventBuilder frame) {
        if (closing) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            frames.clear();
            finish(OrderStatusStreams.Closed.TOO_SLOW);
            return;
        }
        frames.add(frame);
        send();
    }

    /** One sender at a time per stream, frames in order; a frame queued while it finishes gets another round. */
    private void send() {
        if (sending.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    private void drain() {
        try {
            for (Object frame = frames.poll(); frame != null && !released.get(); frame = frames.poll()) {
                queued.decrementAndGet();
                if (frame instanceof Finish finish) {
                    if (finish.reason() != null) {
                        emitter.send(SseEmitter.event().name(CLOSED).data(
                                json.writeValueAsString(new OrderStatusStreams.Closed(finish.reason())),
                                MediaType.APPLICATION_JSON));
                    }
                    emitter.complete();
                    release();
                    return;
                }
                emitter.send((SseEmitter.SseEventBuilder) frame);
            }
        } catch (IOException | IllegalStateException clientGone) {
            // the client left (or the response already ended): nobody to tell any more
            release();
            return;
        } finally {
            sending.set(false);
        }
        if (!frames.isEmpty() && !released.get()) {
            send();
        }
    }

    void release() {
        if (released.compareAndSet(false, true)) {
            closing = true;
            frames.clear();
            onRelease.forEach(Runnable::run);
        }
    }
}
