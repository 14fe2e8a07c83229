package dev.eventcommerce.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The table of bad requests every endpoint is tried with: malformed JSON, wrong types, missing and
 * unknown fields, negative, zero and huge numbers, too many decimals, overlong and control-character
 * strings, oversized bodies, wrong content types, bad path ids and query values. Each row names the
 * answer it must get; {@link #assertRefused} checks that it is that status as
 * {@code application/problem+json} and never a 500 or a stack trace. Services build their table from
 * {@link #jsonBody} (one call per endpoint, with the rules of each field) and the other generators here.
 */
public final class BadRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Above the services' 64 KB request body limit. */
    public static final int OVERSIZED_BYTES = 70 * 1024;

    private BadRequests() {
    }

    /** One row of the table. {@code token} is resolved when the row runs ({@code null}: no token). */
    public record BadRequest(String name, String method, String path, String contentType, String body,
                             Supplier<String> token, Map<String, String> headers, int expectedStatus) {

        @Override
        public String toString() {
            return method + " " + path + " — " + name + " → " + expectedStatus;
        }

        public BadRequest withHeader(String header, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(header, value);
            return new BadRequest(name, method, path, contentType, body, token, more, expectedStatus);
        }

        public ApiClient.Response send(ApiClient api) {
            HttpRequest.Builder request = api.request(path, token == null ? null : token.get());
            headers.forEach(request::header);
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
            return api.send(request.method(method, publisher));
        }
    }

    /** The rule of one JSON field: what a valid value looks like and which kinds of bad value apply. */
    public enum Kind {
        /** An integer id or count that must be at least 1. */
        POSITIVE_INTEGER,
        /** An integer that may be 0 but not negative. */
        NON_NEGATIVE_INTEGER,
        /** Money: positive, at most two decimals, bounded. */
        MONEY,
        /** Text with a maximum length (and no control characters). */
        TEXT,
        /** A value from a fixed set of words. */
        WORD,
        /** Any text the endpoint judges itself (a token to check, a password to compare): only its type is checked. */
        OPAQUE_TEXT
    }

    public record Field(String name, Kind kind, Object valid, boolean required, int maxLength) {

        public static Field required(String name, Kind kind, Object valid) {
            return new Field(name, kind, valid, true, 0);
        }

        public static Field text(String name, String valid, int maxLength, boolean required) {
            return new Field(name, Kind.TEXT, valid, required, maxLength);
        }
    }

    /**
     * Every bad variant of a JSON body for {@code method path}: the valid body is the fields' valid
     * values; each row breaks one thing. {@code validation} is the status for a well-formed body whose
     * values break a rule (422), {@code malformed} the one for a body that is not JSON (400).
     */
    public static List<BadRequest> jsonBody(String method, String path, Supplier<String> token, List<Field> fields) {
        List<BadRequest> rows = new ArrayList<>();
        Map<String, Object> valid = new LinkedHashMap<>();
        fields.forEach(field -> valid.put(field.name(), field.valid()));
        String json = "application/json";

        for (String malformed : List.of("", "{", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "not json",
                write(valid) + "x", write(valid).replace(":", "=") , "{\"a\":\"\\x\"}")) {
            rows.add(new BadRequest("malformed JSON " + quote(malformed), method, path, json, malformed, token,
                    Map.of(), 400));
        }
        rows.add(new BadRequest("JSON null as the body", method, path, json, "null", token, Map.of(), 400));
        for (String notAnObject : List.of("[]", "[" + write(valid) + "]", "123", "\"text\"", "true")) {
            rows.add(new BadRequest("JSON that is not an object: " + notAnObject, method, path, json, notAnObject,
                    token, Map.of(), 422));
        }
        for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
            rows.add(new BadRequest("content type " + contentType, method, path, contentType, write(valid), token,
                    Map.of(), 415));
        }
        rows.add(new BadRequest("no content type", method, path, null, write(valid), token, Map.of(), 415));
        Map<String, Object> oversized = new LinkedHashMap<>(valid);
        oversized.put(fields.get(0).name(), "x".repeat(OVERSIZED_BYTES));
        rows.add(new BadRequest("body over 64 KB", method, path, json, write(oversized), token, Map.of(), 413));
        Map<String, Object> unknown = new LinkedHashMap<>(valid);
        unknown.put("is_admin", true);
        rows.add(new BadRequest("unknown field is_admin", method, path, json, write(unknown), token, Map.of(), 422));
        rows.add(new BadRequest("duplicate field", method, path, json,
                write(valid).replaceFirst("\\{", "{" + quoteJson(fields.get(0).name()) + ":"
                        + write(fields.get(0).valid()) + ","), token, Map.of(), 400));

        for (Field field : fields) {
            for (Map.Entry<String, Object> bad : badValues(field).entrySet()) {
                Map<String, Object> body = new LinkedHashMap<>(valid);
                Object value = bad.getValue();
                if (value == MISSING) {
                    body.remove(field.name());
                } else {
                    body.put(field.name(), value instanceof RawJson ? RawJson.MARKER : value);
                }
                String name = field.name() + " " + bad.getKey();
                String text = value instanceof RawJson raw
                        ? write(body).replace(quoteJson(RawJson.MARKER), raw.json()) : write(body);
                rows.add(new BadRequest(name, method, path, json, text, token, Map.of(), 422));
            }
            if (field.kind() != Kind.TEXT && field.kind() != Kind.WORD && field.kind() != Kind.OPAQUE_TEXT) {
                for (String notJson : List.of("NaN", "Infinity", "-Infinity", "0x10", "01")) {
                    Map<String, Object> body = new LinkedHashMap<>(valid);
                    body.put(field.name(), RawJson.MARKER);
                    rows.add(new BadRequest(field.name() + " " + notJson + " (not JSON)", method, path, json,
                            write(body).replace(quoteJson(RawJson.MARKER), notJson), token, Map.of(), 400));
                }
            }
        }
        return rows;
    }

    /** Non-numeric, fractional and overflowing path ids → {@code malformedStatus}; 0 and negative → 404. */
    public static List<BadRequest> pathIds(String method, String pathTemplate, Supplier<String> token,
                                           String body, int malformedStatus) {
        List<BadRequest> rows = new ArrayList<>();
        String contentType = body == null ? null : "application/json";
        for (String id : List.of("abc", "1.5", "1e3", "99999999999999999999", "0x10", "%20", "1;DROP%20TABLE%20x",
                "%2e%2e%2f1", "1%00")) {
            rows.add(new BadRequest("path id " + id, method, pathTemplate.replace("{id}", id), contentType, body, token,
                    Map.of(), malformedStatus));
        }
        for (String id : List.of("0", "-1", "9223372036854775807")) {
            rows.add(new BadRequest("path id " + id, method, pathTemplate.replace("{id}", id), contentType, body, token,
                    Map.of(), 404));
        }
        return rows;
    }

    /** {@code skip} and {@code limit} out of range → 422; not decimal integers → 400. */
    public static List<BadRequest> paging(String path, Supplier<String> token) {
        List<BadRequest> rows = new ArrayList<>();
        for (String query : List.of("skip=-1", "limit=0", "limit=-5", "limit=101")) {
            rows.add(new BadRequest("query " + query, "GET", path + "?" + query, null, null, token, Map.of(), 422));
        }
        for (String query : List.of("skip=abc", "limit=1.5", "limit=0x10", "limit=99999999999999999999",
                "skip=99999999999999999999", "skip=%00", "skip=%FF", "skip=1&" + manyParameters(150))) {
            rows.add(new BadRequest("query " + query, "GET", path + "?" + query, null, null, token, Map.of(), 400));
        }
        return rows;
    }

    private static String manyParameters(int count) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < count; i++) {
            query.append(i == 0 ? "" : "&").append('p').append(i).append("=1");
        }
        return query.toString();
    }

    /** The answer is the row's status, as a problem document that names it, with no stack trace. */
    public static void assertRefused(BadRequest row, ApiClient.Response response) {
        assertThat(response.status()).as(row + ": " + response).isEqualTo(row.expectedStatus());
        assertThat(response.contentType()).as(row + ": content type").startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).as(row + ": problem status").isEqualTo(row.expectedStatus());
        assertThat(problem.path("title").asString()).as(row + ": problem title").isNotBlank();
        assertThat(response.body()).as(row + ": no internals in the answer")
                .doesNotContain("Exception", "\tat ", "at java.", "at org.", "at dev.", "trace", "SQL");
    }

    /** A 401 problem that tells the client how to authenticate. */
    public static void assertUnauthorized(String what, ApiClient.Response response) {
        assertThat(response.status()).as(what + ": " + response).isEqualTo(401);
        assertThat(response.contentType()).as(what + ": content type").startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).as(what + ": WWW-Authenticate").startsWith("Bearer");
        assertThat(response.body()).as(what + ": no internals").doesNotContain("Exception", "\tat ");
    }

    /** The headers every answer carries, whatever its status. */
    public static void assertSecurityHeaders(String what, ApiClient.Response response) {
        assertThat(response.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(response.header("Content-Security-Policy")).as(what)
                .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'");
        assertThat(response.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
        assertThat(response.header("Cache-Control")).as(what).contains("no-store");
        assertThat(response.header("Server")).as(what + ": no server banner").isNull();
    }

    /** Sends a request with a raw {@code Authorization} header value ({@code null}: none). */
    public static ApiClient.Response sendWithAuthorization(ApiClient api, String method, String path, String body,
                                                           String authorization) {
        HttpRequest.Builder request = api.request(path, null);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return api.send(request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * What a service holds: its events and snapshots, and every row of the given read-model tables. Equal
     * before and after a request means the request changed nothing.
     */
    public static String fingerprint(JdbcClient jdbc, String... tables) {
        StringBuilder state = new StringBuilder();
        if (jdbc.sql("SELECT to_regclass('domainevententry') IS NOT NULL").query(Boolean.class).single()) {
            state.append(jdbc.sql("SELECT count(*) || '/' || coalesce(max(globalindex), 0) FROM domainevententry")
                    .query(String.class).single());
            state.append(" snapshots=").append(jdbc.sql("SELECT count(*) FROM snapshotevententry")
                    .query(Long.class).single());
        }
        for (String table : tables) {
            state.append(' ').append(table).append('=').append(jdbc.sql(
                    "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "
                            + table + " t").query(String.class).single());
        }
        return state.toString();
    }

    private static final Object MISSING = new Object();

    private record RawJson(String json) {
        static final String MARKER = "\u0001raw\u0001";
    }

    private static Map<String, Object> badValues(Field field) {
        Map<String, Object> bad = new LinkedHashMap<>();
        if (field.required()) {
            bad.put("missing", MISSING);
            bad.put("null", null);
        }
        bad.put("as an object", Map.of("value", 1));
        bad.put("as an array", List.of(field.valid()));
        bad.put("as a boolean", true);
        switch (field.kind()) {
            case POSITIVE_INTEGER, NON_NEGATIVE_INTEGER -> {
                bad.put("as text", "12");
                bad.put("as words", "twelve");
                bad.put("negative", -1);
                if (field.kind() == Kind.POSITIVE_INTEGER) {
                    bad.put("zero", 0);
                }
                bad.put("fractional", 1.5);
                bad.put("beyond int", 2_147_483_648L);
                bad.put("beyond long", new RawJson("99999999999999999999999"));
                bad.put("huge exponent", new RawJson("1e400"));
            }
            case MONEY -> {
                bad.put("as words", "ten");
                bad.put("zero", 0);
                bad.put("negative", -1.5);
                bad.put("three decimals", new RawJson("1.001"));
                bad.put("too large", new RawJson("100000000.00"));
                bad.put("huge exponent", new RawJson("1e400"));
                bad.put("tiny", new RawJson("1e-400"));
            }
            case TEXT -> {
                bad.put("as a number", 12);
                bad.put("over " + field.maxLength() + " characters", "x".repeat(field.maxLength() + 1));
                bad.put("with a NUL character", "a\u0000b");
                bad.put("with an escape character", "a\u001bb");
                if (field.required()) {
                    bad.put("blank", "   ");
                }
            }
            case OPAQUE_TEXT -> bad.put("as a number", 12);
            case WORD -> {
                bad.put("as a number", 12);
                bad.put("unknown word", "teleported");
                bad.put("empty", "");
                bad.put("SQL-looking", "pending'; DROP TABLE orders; --");
            }
        }
        return bad;
    }

    private static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    private static String quoteJson(String text) {
        return JSON.writeValueAsString(text);
    }

    private static String quote(String text) {
        return text.length() > 30 ? "\"" + text.substring(0, 30) + "…\"" : "\"" + text + "\"";
    }
}
