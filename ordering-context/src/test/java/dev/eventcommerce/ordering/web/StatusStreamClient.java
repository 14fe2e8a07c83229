package dev.eventcommerce.ordering.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Server-Sent Events client of a status stream, as a browser's EventSource reads one: the response's lines, read
 * as they arrive on a thread of its own, parsed into events (comments and retry fields apart).
 */
final class StatusStreamClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** HTTP/1.1, as a browser's EventSource: no h2c upgrade, on which a second request would wait for the first. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One event: its id, its name and its data as JSON. */
    record Event(String id, String name, JsonNode data) {

        String status() {
            return data.get("status").isNull() ? null : data.get("status").asString();
        }

        long orderId() {
            return data.get("order_id").asLong();
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    private StatusStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a stream; the answer (a refusal too) is there once the headers are, within 10 s. */
    static StatusStreamClient open(int port, String path, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new StatusStreamClient(HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no answer to " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return header("Content-Type");
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse("");
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, name == null ? "message" : name, JSON.readTree(data.toString())));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (RuntimeException closed) {
            // the test closed the stream
        } finally {
            ended = true;
        }
    }

    /** The next event, waiting at most this long; null if none came. */
    Event next(Duration wait) {
        try {
            return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next event, which must come within 10 s. */
    Event next() {
        Event event = next(Duration.ofSeconds(10));
        if (event == null) {
            throw new AssertionError("no event within 10 s");
        }
        return event;
    }

    /** The next comment line (a heartbeat), waiting at most this long. */
    String nextComment(Duration wait) throws InterruptedException {
        return comments.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the server ended the response, waiting at most this long for it. */
    boolean ended(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!ended && System.nanoTime() < deadline) {
            OrderingTestSetup.sleep(20);
        }
        return ended;
    }

    /** Every event that came, without waiting. */
    List<Event> drained() {
        List<Event> all = new ArrayList<>();
        events.drainTo(all);
        return all;
    }

    @Override
    public void close() {
        // the body's stream ends the request when closed; the reader thread then stops
        ended = true;
        response.body().close();
    }
}
