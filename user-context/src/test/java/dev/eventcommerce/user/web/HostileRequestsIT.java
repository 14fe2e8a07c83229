package dev.eventcommerce.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests a client library would never send, written byte for byte on a raw socket to 127.0.0.1: each is
 * answered with a 4xx problem (never a 500), leaves no stack trace and no parameter value in the log, and
 * costs the service bounded time and memory.
 */
@UserServiceTest
@ExtendWith(OutputCaptureExtension.class)
class HostileRequestsIT {

    private static final String FORM = "application/x-www-form-urlencoded";

    @LocalServerPort
    int port;

    @Test
    void aPasswordWithAnUndecodableByteIsRefusedAndNeverLogged(CapturedOutput output) throws IOException {
        String secret = secret();
        for (String body : new String[] {
                "username=someone&password=" + secret + "%FF",
                "username=someone&password=" + secret + "%",
                "username=someone&password=" + secret + "%zz"}) {
            Answer answer = send(post("/login", FORM, body.getBytes(StandardCharsets.US_ASCII)));
            assertProblem(body, answer, 400);
        }
        byte[] rawLatin1 = ("username=someone&password=" + secret + "\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        assertProblem("raw 0xFF byte", send(post("/login", FORM, rawLatin1)), 400);
        assertCleanLog(output, secret);
    }

    @Test
    void aNulByteInTheLoginFormIsRefused(CapturedOutput output) throws IOException {
        String secret = secret();
        assertProblem("%00", send(post("/login", FORM,
                ("username=someone&password=" + secret + "%00").getBytes(StandardCharsets.US_ASCII))), 400);
        byte[] raw = ("username=some\u0000one&password=" + secret).getBytes(StandardCharsets.ISO_8859_1);
        assertProblem("raw NUL", send(post("/login", FORM, raw)), 400);
        assertCleanLog(output, secret);
    }

    @Test
    void aMalformedQueryOrPathIsA400Problem(CapturedOutput output) throws IOException {
        String secret = secret();
        assertProblem("query %zz", send(post("/login?skip=" + secret + "%zz", FORM,
                "username=someone&password=whatever".getBytes(StandardCharsets.US_ASCII))), 400);
        assertProblem("query %zz on GET", send(get("/health?skip=" + secret + "%zz")), 400);
        assertProblem("path /%", send(get("/%")), 400);
        assertProblem("path /%zz", send(get("/users/%zz")), 400);
        assertCleanLog(output, secret);
    }

    @Test
    void tooManyParametersAreA400ProblemAndAFewAreFine(CapturedOutput output) throws IOException {
        String thousand = params(1000);
        assertProblem("1000 query parameters", send(post("/login?" + thousand, FORM,
                "username=someone&password=whatever".getBytes(StandardCharsets.US_ASCII))), 400);
        assertProblem("2000 form parameters", send(post("/login", FORM,
                ("username=someone&password=whatever&" + params(2000)).getBytes(StandardCharsets.US_ASCII))), 400);
        assertProblem("1000 query parameters on GET", send(get("/health?" + thousand)), 400);
        Answer few = send(post("/login?" + params(20), FORM,
                ("username=someone&password=whatever&" + params(20)).getBytes(StandardCharsets.US_ASCII)));
        assertProblem("a few parameters reach the login", few, 401);
        assertCleanLog(output, "p999=");
    }

    @Test
    void traceAndUnknownMethodsAreRefusedAsProblems(CapturedOutput output) throws IOException {
        assertProblem("TRACE", send(raw("TRACE /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")), 405);
        Answer unknown = send(raw("FOO /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        assertThat(unknown.status()).as(unknown.toString()).isBetween(400, 499);
        assertProblem("FOO", unknown, unknown.status());
        assertCleanLog(output, "\u0000");
    }

    @Test
    void badOrOversizedHeadersAreRefusedAsProblems(CapturedOutput output) throws IOException {
        String secret = secret();
        Answer control = send(raw("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: " + secret + "\u0001x\r\n"
                + "Connection: close\r\n\r\n"));
        assertProblem("control character in a header", control, 400);
        Answer name = send(raw("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX Bad" + secret + ": x\r\n"
                + "Connection: close\r\n\r\n"));
        assertProblem("space in a header name", name, 400);
        Answer longUrl = send(get("/health?q=" + secret + "x".repeat(20_000)));
        assertThat(longUrl.status()).as(longUrl.toString()).isBetween(400, 499);
        assertProblem("20 KB URL", longUrl, longUrl.status());
        Answer longHeader = send(raw("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: " + secret
                + "y".repeat(20_000) + "\r\nConnection: close\r\n\r\n"));
        assertThat(longHeader.status()).as(longHeader.toString()).isBetween(400, 499);
        assertProblem("20 KB header", longHeader, longHeader.status());
        assertCleanLog(output, secret);
    }

    @Test
    void abusiveRangesOnAStaticFileNeverFailOrMultiplyTheAnswer(CapturedOutput output) throws IOException {
        String file = "/swagger-ui/swagger-ui.css";
        Answer whole = send(get(file));
        assertThat(whole.status()).as(whole.toString()).isEqualTo(200);
        int length = whole.body().length;
        Answer sane = send(raw("GET " + file + " HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-9\r\n"
                + "Connection: close\r\n\r\n"));
        assertThat(sane.status()).as("an ordinary range still works: " + sane.head()).isEqualTo(206);
        assertThat(sane.body()).hasSize(10);
        Map<String, String> ranges = new LinkedHashMap<>();
        ranges.put("500 overlapping", IntStream.range(0, 500).mapToObj(i -> "0-1").collect(Collectors.joining(",")));
        ranges.put("200 whole-file", IntStream.range(0, 200).mapToObj(i -> "0-").collect(Collectors.joining(",")));
        ranges.put("unsatisfiable", (length + 10) + "-" + (length + 20));
        ranges.put("malformed", "0-1-2,x-y,--,5-3");
        ranges.put("suffixes", IntStream.range(0, 300).mapToObj(i -> "-" + (i + 1)).collect(Collectors.joining(",")));
        for (Map.Entry<String, String> range : ranges.entrySet()) {
            Answer answer = send(raw("GET " + file + " HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=" + range.getValue()
                    + "\r\nConnection: close\r\n\r\n"));
            assertThat(answer.status()).as(range.getKey() + ": " + answer.head()).isIn(200, 206, 416);
            assertThat(answer.body().length).as(range.getKey() + ": no amplified answer").isLessThanOrEqualTo(length * 2);
        }
        assertCleanLog(output, "\u0000");
    }

    @Test
    void aChunkedMegabyteUsernameIsRefusedBeforeItIsBufferedAndTheHeapDoesNotGrow(CapturedOutput output)
            throws IOException {
        byte[] chunk = "x".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
        Answer first = sendChunkedLogin(chunk);
        assertProblem("chunked 1 MB username", first, 413);
        long before = retainedHeap();
        for (int i = 0; i < 200; i++) {
            Answer answer = sendChunkedLogin(chunk);
            assertThat(answer.status()).as("attempt " + i + ": " + answer.head()).isEqualTo(413);
        }
        long after = retainedHeap();
        assertThat(after - before).as("retained heap growth over 200 refused megabytes (before %d, after %d)",
                before, after).isLessThan(32L * 1024 * 1024);
        assertCleanLog(output, "xxxxxxxxxxxxxxxx");
    }

    @Test
    void aFormBodyTrickledAByteAtATimeIsCutOffWithinBoundedTime() throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1500);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM
                    + "\r\nContent-Length: 1000\r\n\r\nusername=").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            boolean cutOff = false;
            while (!cutOff && elapsedSeconds(started) < 25) {
                try {
                    out.write('x');
                    out.flush();
                } catch (IOException closed) {
                    cutOff = true;
                    break;
                }
                try {
                    socket.getInputStream().read();
                    cutOff = true;
                } catch (SocketTimeoutException stillWaiting) {
                    // the server is still reading: send the next byte
                } catch (IOException reset) {
                    cutOff = true;
                }
            }
            assertThat(cutOff).as("the server never ended the trickled request").isTrue();
        }
        assertThat(elapsedSeconds(started)).as("seconds until the server cut the trickle off").isLessThan(16);
    }

    @Test
    void aStalledFormBodyIsCutOffWithinBoundedTime() throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(25_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM
                    + "\r\nContent-Length: 100\r\n\r\nuser").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                socket.getInputStream().read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept a stalled request open for 25 s", e);
            } catch (IOException reset) {
                // closed by the server: cut off
            }
        }
        assertThat(elapsedSeconds(started)).as("seconds until the server cut the stall off").isLessThan(16);
    }

    // --- helpers

    private static String secret() {
        return "s3cret" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String params(int count) {
        return IntStream.range(0, count).mapToObj(i -> "p" + i + "=v").collect(Collectors.joining("&"));
    }

    private static double elapsedSeconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static long retainedHeap() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static void assertProblem(String what, Answer answer, int status) {
        assertThat(answer.status()).as(what + ": " + answer).isEqualTo(status);
        assertThat(answer.header("content-type")).as(what + ": content type " + answer.head())
                .startsWith("application/problem+json");
        String body = answer.text();
        assertThat(body).as(what).contains("\"status\":" + status).contains("\"detail\":\"");
        assertThat(body).as(what + ": no internals").doesNotContain("Exception", "\tat ", "at org.", "at java.");
    }

    private int logMark;

    @org.junit.jupiter.api.BeforeEach
    void markLog(CapturedOutput output) {
        logMark = output.getAll().length();
    }

    private void assertCleanLog(CapturedOutput output, String secret) {
        String log = output.getAll().substring(logMark);
        assertThat(log).as("no parameter value in the log").doesNotContain(secret);
        // other cached test contexts log in the background (outage tests): look at request threads only
        String requestLog = log.lines().filter(line -> line.contains("\"name\":\"http-nio-"))
                .collect(Collectors.joining("\n"));
        assertThat(requestLog).as("no stack trace in the log").doesNotContain("\tat ", "\\tat ", "stack_trace");
        assertThat(requestLog).as("no unexpected error").doesNotContain("Unhandled error");
    }

    private Answer sendChunkedLogin(byte[] chunk) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM
                    + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                writeChunk(out, "password=whatever&username=".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 64; i++) {
                    writeChunk(out, chunk);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException refused) {
                // the server answered and stopped reading: read what it said
            }
            return Answer.read(socket.getInputStream());
        }
    }

    private static void writeChunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] get(String target) {
        return raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    private static byte[] post(String target, String contentType, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        return request.toByteArray();
    }

    private static byte[] raw(String request) {
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }

    private Answer send(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return Answer.read(socket.getInputStream());
        }
    }

    /** A response as it came off the wire (read until the server closes the connection). */
    record Answer(int status, Map<String, String> headers, byte[] body, String head) {

        static Answer read(InputStream in) throws IOException {
            byte[] all;
            try {
                all = in.readAllBytes();
            } catch (IOException reset) {
                all = new byte[0];
            }
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return new Answer(-1, Map.of(), all, text);
            }
            String head = text.substring(0, end);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Answer(status, headers, body, head);
        }

        private static byte[] dechunk(byte[] chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < chunked.length) {
                int lineEnd = at;
                while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                    lineEnd++;
                }
                String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
                int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
                if (length == 0) {
                    break;
                }
                out.write(chunked, lineEnd + 2, Math.min(length, chunked.length - lineEnd - 2));
                at = lineEnd + 2 + length + 2;
            }
            return out.toByteArray();
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return head + "\n\n" + (body.length > 500 ? text().substring(0, 500) + "…" : text());
        }
    }
}
