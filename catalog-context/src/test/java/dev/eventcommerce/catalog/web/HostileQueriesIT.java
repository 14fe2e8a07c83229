package dev.eventcommerce.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The product list's query string as no client library would send it (a raw socket to 127.0.0.1, so
 * nothing normalises the URL): a 400 problem that quotes nothing, never a 500 with the value in the log.
 */
@CatalogServiceTest
@ExtendWith(OutputCaptureExtension.class)
class HostileQueriesIT {

    @LocalServerPort
    int port;

    @Test
    void aMalformedOrCrowdedQueryIsA400ProblemAndItsValueIsNeverLogged(CapturedOutput output) throws IOException {
        String secret = "s3cret" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        int mark = output.getAll().length();
        String thousand = IntStream.range(0, 1000).mapToObj(i -> "p" + i + "=" + secret).collect(Collectors.joining("&"));
        for (String query : new String[] {"skip=" + secret + "%zz", "skip=" + secret + "%", "skip=" + secret + "%FF",
                "skip=1&" + thousand}) {
            String answer = get("/products?" + query);

            assertThat(answer).as(query).startsWith("HTTP/1.1 400 ");
            assertThat(answer).as(query).containsIgnoringCase("Content-Type: application/problem+json")
                    .contains("\"status\":400", "\"detail\":\"").doesNotContain(secret, "Exception");
        }
        assertThat(get("/products?skip=0&limit=5")).as("a good query still works").startsWith("HTTP/1.1 200 ");
        String log = output.getAll().substring(mark);
        assertThat(log).as("no parameter value in the log").doesNotContain(secret);
        assertThat(log.lines().filter(line -> line.contains("\"name\":\"http-nio-")).collect(Collectors.joining("\n")))
                .as("no stack trace or unexpected error on a request thread")
                .doesNotContain("stack_trace", "Unhandled error");
    }

    private String get(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
