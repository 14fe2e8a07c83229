package dev.eventcommerce.ordering.web;

import dev.eventcommerce.ordering.api.OrderNotFoundException;
import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.OrderStatusUpdate;
import dev.eventcommerce.ordering.query.OrderStatusFeed;
import dev.eventcommerce.platform.auth.AuthenticatedUser;
import dev.eventcommerce.platform.auth.TokenRevocations;
import dev.eventcommerce.platform.web.WebAutoConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live order status for shoppers, as Server-Sent Events: one order's, or all of the caller's orders'. Fed by
 * {@link OrderStatusFeed} (the event store, so a change made through any instance reaches a stream on any other).
 * A stream holds no request thread: its frames are written by a small pool of sender threads; a timer sends
 * heartbeats and checks the caller's token (expiry, revocation, deactivation), closing the stream with a final
 * {@code closed} event when it no longer holds. Open streams are limited per instance (429) and per user (the
 * user's oldest is closed).
 */
@RestController
@Tag(name = "orders")
@SecurityRequirement(name = WebAutoConfiguration.BEARER_SCHEME)
@EnableConfigurationProperties(StatusStreamProperties.class)
class OrderStatusStreams implements SmartLifecycle {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String FORMAT = "Frames: `retry: <ms>` first; then `id: <position>`, `event: status` "
            + "(or `event: deleted`), `data: {\"order_id\",\"status\",\"previous_status\",\"reason\",\"version\",\"at\"}`; "
            + "`: heartbeat` comments while idle; `event: closed`, `data: {\"reason\"}` (token_expired, token_revoked, "
            + "user_deactivated, replaced, too_slow, shutdown) before the server ends it; do not reconnect after it. "
            + "A user's open streams on an instance are limited (5 by default): one more closes the oldest (replaced). Send the last id back as Last-Event-ID "
            + "to resume after it: exactly the missed changes, if it is at most 10,000 stored events old; otherwise, or "
            + "without it, the current status comes first.";

    private final OrderStatusFeed feed;
    private final TokenRevocations revocations;
    private final JsonMapper json;
    private final StatusStreamProperties properties;
    private final Clock clock;
    private final Set<StatusStream> open = ConcurrentHashMap.newKeySet();
    private final Map<Long, Deque<StatusStream>> perUser = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private ExecutorService senders;
    private ScheduledThreadPoolExecutor timer;
    private volatile boolean running;

    OrderStatusStreams(OrderStatusFeed feed, TokenRevocations revocations, JsonMapper json,
                       StatusStreamProperties properties, Clock clock) {
        this.feed = feed;
        this.revocations = revocations;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    @Operation(summary = "Live status of an order (Server-Sent Events)", description = "The owner or an admin. "
            + "The order's current status first, then each change of status as it is stored, with its reason. "
            + FORMAT + " After `event: deleted` the stream ends. 401 without a valid token, 404 an unknown or "
            + "deleted order or another user's (as GET /orders/{id}: whether it exists is not told), 429 too many "
            + "open streams on the instance")
    @StreamResponses
    @ApiResponse(responseCode = "404", description = "An unknown or deleted order, or another user's", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping(path = "/orders/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter order(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long id,
                     @LastEventId @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
                     HttpServletResponse response) {
        feed.order(id).filter(followed -> !followed.deleted())
                .filter(followed -> caller.isAdmin() || followed.userId() == caller.userId())
                .orElseThrow(() -> new OrderNotFoundException(id));
        return open(caller, response, true, stream -> feed.subscribe(id, null, lastEventId, stream::update));
    }

    @Operation(summary = "Live status of all the caller's orders (Server-Sent Events)", description = "The current "
            + "status of the caller's 100 newest orders first, then each change of any of its orders (new ones "
            + "included) as it is stored. " + FORMAT + " 401 without a valid token, 429 too many open streams on the "
            + "instance")
    @StreamResponses
    @GetMapping(path = "/orders/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter mine(@AuthenticationPrincipal AuthenticatedUser caller,
                    @LastEventId @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
                    HttpServletResponse response) {
        return open(caller, response, false, stream -> feed.subscribe(null, caller.userId(), lastEventId, stream::update));
    }

    private SseEmitter open(AuthenticatedUser caller, HttpServletResponse response, boolean oneOrder,
                            Function<StatusStream, OrderStatusFeed.Subscription> subscribe) {
        if (!running) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The service is stopping; connect again");
        }
        if (total.incrementAndGet() > properties.perInstance()) {
            total.decrementAndGet();
            throw new TooManyStreamsException("This instance has " + properties.perInstance()
                    + " open status streams; try again later");
        }
        // nginx (an Ingress) would otherwise buffer the stream
        response.setHeader("X-Accel-Buffering", "no");
        Duration left = Duration.between(clock.instant(), caller.expiresAt());
        // the response ends at the token's expiry at the latest (the timer closes it then, saying why)
        SseEmitter emitter = new SseEmitter(Math.max(1000, left.plusSeconds(5).toMillis()));
        StatusStream stream = new StatusStream(emitter, oneOrder, caller.userId(),
                caller.issuedAt().getEpochSecond(), caller.expiresAt(), senders, json, properties.maxQueued());
        stream.onRelease(() -> {
            open.remove(stream);
            total.decrementAndGet();
            perUser.computeIfPresent(caller.userId(), (id, held) -> {
                held.remove(stream);
                return held.isEmpty() ? null : held;
            });
        });
        try {
            // before anything can end it: whatever ends it then takes it out again
            open.add(stream);
            admit(stream);
            stream.retry(properties.retry());
            OrderStatusFeed.Subscription subscription = subscribe.apply(stream);
            stream.onRelease(subscription::close);
            ScheduledFuture<?> expiry = timer.schedule(() -> stream.close(Closed.TOKEN_EXPIRED),
                    Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
            stream.onRelease(() -> expiry.cancel(false));
        } catch (RuntimeException e) {
            stream.release();
            throw e;
        }
        return emitter;
    }

    /**
     * Counts the stream among its user's; past the limit the user's oldest is closed ("replaced") rather than the
     * new one refused: a client that left (a reloaded page) is not known to be gone until a write to it fails, and
     * a browser's EventSource gives up for good on a 429.
     */
    private void admit(StatusStream stream) {
        List<StatusStream> replaced = new ArrayList<>();
        perUser.compute(stream.userId, (id, held) -> {
            Deque<StatusStream> streams = held == null ? new ArrayDeque<>() : held;
            streams.addLast(stream);
            while (streams.size() > properties.perUser()) {
                replaced.add(streams.pollFirst());
            }
            return streams;
        });
        replaced.forEach(oldest -> oldest.close(Closed.REPLACED));
    }

    /** Every few seconds: a token revoked, a user deactivated or a token expired ends the stream, saying so. */
    private void check() {
        Instant now = clock.instant();
        for (StatusStream stream : open) {
            if (revocations.deactivated(stream.userId)) {
                stream.close(Closed.USER_DEACTIVATED);
            } else if (revocations.revoked(stream.userId, stream.issuedAtEpochSecond)) {
                stream.close(Closed.TOKEN_REVOKED);
            } else if (!now.isBefore(stream.expiresAt)) {
                stream.close(Closed.TOKEN_EXPIRED);
            }
        }
    }

    private void heartbeat() {
        open.forEach(StatusStream::heartbeat);
    }

    @ExceptionHandler(TooManyStreamsException.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyStreamsException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "5")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }

    static final class TooManyStreamsException extends RuntimeException {
        TooManyStreamsException(String message) {
            super(message);
        }
    }

    /** The data of a {@code status} or {@code deleted} event (a deletion has no status). */
    record StatusEvent(long orderId, OrderStatus status, OrderStatus previousStatus, String reason, long version,
                       Instant at) {

        static StatusEvent of(OrderStatusUpdate update) {
            return new StatusEvent(update.orderId(), update.status(), update.previousStatus(), update.reason(),
                    update.version(), update.at());
        }
    }

    /** The data of the final {@code closed} event: why the server ends the stream. */
    record Closed(@Schema(allowableValues = {TOKEN_EXPIRED, TOKEN_REVOKED, USER_DEACTIVATED, REPLACED, TOO_SLOW,
            SHUTDOWN}) String reason) {
        static final String TOKEN_EXPIRED = "token_expired";
        static final String TOKEN_REVOKED = "token_revoked";
        static final String USER_DEACTIVATED = "user_deactivated";
        static final String REPLACED = "replaced";
        static final String TOO_SLOW = "too_slow";
        static final String SHUTDOWN = "shutdown";
    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "200", description = "The stream (text/event-stream): each status or deleted "
            + "event's data is a StatusEvent as JSON, the final closed event's a Closed", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = StatusEvent.class)))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "Too many open streams on this instance; with Retry-After", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @interface StreamResponses {
    }

    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameter(name = LAST_EVENT_ID, in = ParameterIn.HEADER, description = "The id of the last event received, to "
            + "resume after it (EventSource sends it by itself when it reconnects)")
    @interface LastEventId {
    }

    @Override
    public void start() {
        senders = Executors.newFixedThreadPool(4, daemon("order-status-sender-"));
        timer = new ScheduledThreadPoolExecutor(1, daemon("order-status-timer-"));
        // a stream's expiry task goes with the stream, not at the token's expiry
        timer.setRemoveOnCancelPolicy(true);
        timer.scheduleWithFixedDelay(this::check, properties.checkInterval().toMillis(),
                properties.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::heartbeat, properties.heartbeat().toMillis(),
                properties.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Before the web server's graceful shutdown, which would otherwise wait for every open stream. */
    @Override
    public void stop() {
        running = false;
        open.forEach(stream -> stream.close(Closed.SHUTDOWN));
        timer.shutdownNow();
        senders.shutdown();
        try {
            senders.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
