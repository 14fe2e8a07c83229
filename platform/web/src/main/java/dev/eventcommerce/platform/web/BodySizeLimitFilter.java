package dev.eventcommerce.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limits every request is held to before anything else reads it: a body above {@code maxBytes} is
 * refused with 413 (at once when {@code Content-Length} says so, while reading when a chunked body grows
 * past it); a body not received within {@code bodyReadTimeout} in total is refused with 408, however
 * slowly it trickles in (Tomcat's own timeout is per read); and the request parameters, query and form
 * body, are parsed here rather than by Tomcat: strictly (bad percent-encoding, bytes that are not UTF-8, a
 * NUL: 400), at most {@code maxParameters} of them (400), the form body read through the same limits.
 * No request of this API needs more than a few kilobytes or a handful of parameters; more is a mistake or
 * an attack. Refusals are problem+json and quote nothing of the request.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final int maxParameters;
    private final Duration bodyReadTimeout;
    private final JsonMapper jsonMapper;

    public BodySizeLimitFilter(long maxBytes, int maxParameters, Duration bodyReadTimeout, JsonMapper jsonMapper) {
        this.maxBytes = maxBytes;
        this.maxParameters = maxParameters;
        this.bodyReadTimeout = bodyReadTimeout;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(request, response, new BodyTooLargeException(maxBytes));
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, maxBytes, bodyReadTimeout);
        try {
            limited.parseParameters(maxParameters);
        } catch (BodyTooLargeException | BodyReadTimeoutException | MalformedParametersException refused) {
            refuse(request, response, refused);
            return;
        } catch (IOException clientGone) {
            // the body could not be read (the client went away or stalled past Tomcat's read timeout)
            refuse(request, response, new BodyReadTimeoutException(bodyReadTimeout));
            return;
        }
        chain.doFilter(limited, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, IOException reason)
            throws IOException {
        ProblemDetail problem = ErrorProblems.forError(400, reason, request.getRequestURI());
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(problem.getStatus());
        // what is left of the body is not worth reading: the connection ends with this answer
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        try {
            jsonMapper.writeValue(response.getOutputStream(), problem);
        } catch (RuntimeException | IOException clientGone) {
            // nobody is listening any more
        }
    }

    /** Thrown while reading a body that turned out larger than the limit. */
    public static class BodyTooLargeException extends IOException {

        BodyTooLargeException(long maxBytes) {
            super("Request body is larger than " + maxBytes + " bytes");
        }
    }

    /** Thrown while reading a body that has taken longer than the limit to arrive. */
    public static class BodyReadTimeoutException extends IOException {

        BodyReadTimeoutException(Duration timeout) {
            super("Request body was not received within " + timeout.toSeconds() + " seconds");
        }
    }

    /** Request parameters that are not well-formed or too many; the message never quotes them. */
    public static class MalformedParametersException extends IOException {

        MalformedParametersException(String message) {
            super(message);
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private final Duration timeout;
        private final long deadline;
        private ServletInputStream stream;
        private Map<String, String[]> parameters = Map.of();

        LimitedRequest(HttpServletRequest request, long maxBytes, Duration timeout) {
            super(request);
            this.maxBytes = maxBytes;
            this.timeout = timeout;
            this.deadline = System.nanoTime() + timeout.toNanos();
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), maxBytes, timeout, deadline);
            }
            return stream;
        }

        /** The query's parameters and, for a POSTed form, the body's (read through the limits), as Tomcat would merge them. */
        void parseParameters(int maxParameters) throws IOException {
            Map<String, List<String>> parsed = new LinkedHashMap<>();
            int[] count = {0};
            String query = getQueryString();
            if (query != null) {
                parse(query.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8, parsed, count, maxParameters);
            }
            if ("POST".equals(getMethod()) && isForm(getContentType())) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                getInputStream().transferTo(body);
                parse(body.toByteArray(), bodyCharset(), parsed, count, maxParameters);
            }
            Map<String, String[]> values = new LinkedHashMap<>();
            parsed.forEach((name, list) -> values.put(name, list.toArray(String[]::new)));
            parameters = Collections.unmodifiableMap(values);
        }

        private Charset bodyCharset() throws MalformedParametersException {
            String encoding = getCharacterEncoding();
            try {
                return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new MalformedParametersException("The request's character encoding is not supported");
            }
        }

        private static boolean isForm(String contentType) {
            if (contentType == null) {
                return false;
            }
            try {
                return MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType));
            } catch (IllegalArgumentException notAMediaType) {
                return false;
            }
        }

        private static void parse(byte[] text, Charset charset, Map<String, List<String>> into, int[] count,
                                  int maxParameters) throws MalformedParametersException {
            int start = 0;
            while (start <= text.length) {
                int end = start;
                while (end < text.length && text[end] != '&') {
                    end++;
                }
                if (end > start) {
                    int equals = start;
                    while (equals < end && text[equals] != '=') {
                        equals++;
                    }
                    String name = decode(text, start, equals, charset);
                    String value = equals < end ? decode(text, equals + 1, end, charset) : "";
                    if (!name.isEmpty()) {
                        if (++count[0] > maxParameters) {
                            throw new MalformedParametersException(
                                    "The request has more than " + maxParameters + " parameters");
                        }
                        into.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
                    }
                }
                start = end + 1;
            }
        }

        private static String decode(byte[] text, int from, int to, Charset charset)
                throws MalformedParametersException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
            for (int i = from; i < to; i++) {
                byte b = text[i];
                if (b == '+') {
                    bytes.write(' ');
                } else if (b == '%') {
                    int high = i + 2 < to ? Character.digit(text[i + 1], 16) : -1;
                    int low = i + 2 < to ? Character.digit(text[i + 2], 16) : -1;
                    if (high < 0 || low < 0) {
                        throw new MalformedParametersException("A request parameter has a malformed percent-encoding");
                    }
                    bytes.write(high * 16 + low);
                    i += 2;
                } else {
                    bytes.write(b);
                }
            }
            String decoded;
            try {
                decoded = charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes.toByteArray()))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new MalformedParametersException("A request parameter is not valid " + charset.name());
            }
            if (decoded.indexOf('\0') >= 0) {
                throw new MalformedParametersException("A request parameter contains a NUL character");
            }
            return decoded;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long maxBytes;
        private final Duration timeout;
        private final long deadline;
        private long read;

        LimitedStream(ServletInputStream delegate, long maxBytes, Duration timeout, long deadline) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
            this.timeout = timeout;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            checkDeadline();
            int value = delegate.read();
            if (value >= 0) {
                count(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkDeadline();
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
            checkDeadline();
        }

        private void checkDeadline() throws BodyReadTimeoutException {
            if (System.nanoTime() - deadline > 0) {
                throw new BodyReadTimeoutException(timeout);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
