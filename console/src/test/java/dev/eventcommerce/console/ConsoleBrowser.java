package dev.eventcommerce.console;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import dev.eventcommerce.platform.testing.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The console as a browser uses it: cookies kept, redirects not followed, the CSRF token read from the page. */
public final class ConsoleBrowser {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private String csrf;

    public ConsoleBrowser(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** A response, its body read as JSON where it is JSON. */
    public record Response(int status, HttpResponse<String> raw) {

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public List<String> headers(String name) {
            return raw.headers().allValues(name);
        }
    }

    /** The user service answers any login with this user's token (signed with the test key). */
    public static String stubLogin(long userId, String username, List<String> roles) {
        String token = TestTokens.shared().issue(userId, username, roles).token();
        stubLoginToken(token);
        return token;
    }

    public static void stubLoginToken(String token) {
        ConsoleTestServices.USER.stubFor(WireMock.post(urlEqualTo("/login")).willReturn(okJson(
                "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":1800}")));
    }

    /** Opens the login page (a session and its CSRF token) and posts the form. */
    public Response login(String username, String password) {
        Response page = get("/console/login");
        readCsrf(page);
        return postForm("/console/login", Map.of("username", username, "password", password, "_csrf", csrf));
    }

    /** Logs in as an admin of the stubbed user service, and reads the session's new CSRF token from a page. */
    public ConsoleBrowser loggedInAsAdmin() {
        stubLogin(1, "admin", List.of("user", "admin"));
        Response login = login("admin", "secret");
        if (login.status() != 302 || !login.header("Location").endsWith("/console")) {
            throw new AssertionError("login failed: " + login.status() + " " + login.header("Location"));
        }
        readCsrf(get("/console"));
        return this;
    }

    /** The session's CSRF token, as the page holds it. */
    public String csrf() {
        return csrf;
    }

    public String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("CONSOLE_SESSION"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** A POST as the pages make it: JSON, with the session's CSRF token in its header. */
    public Response post(String path, String json) {
        return send(withCsrf(HttpRequest.newBuilder(URI.create(baseUrl + path)))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The same POST without the CSRF token. */
    public Response postWithoutCsrf(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response postForm(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
        return csrf == null ? request : request.header("X-CSRF-TOKEN", csrf);
    }

    private void readCsrf(Response page) {
        Matcher matcher = CSRF_META.matcher(page.body());
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token in the page: " + page.status() + " " + page.body());
        }
        csrf = matcher.group(1);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
