package dev.eventcommerce.console.services;

import dev.eventcommerce.console.ConsoleProperties;
import dev.eventcommerce.console.session.SessionEndedException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's calls to the services' instances, server-side, with the logged-in admin's bearer token: every
 * answer is returned as it came (status and JSON body), an instance that cannot be reached as status 0. A 401 to a
 * call with the admin's token ends the console's session ({@link SessionEndedException}).
 */
@Component
public class ServiceCalls {

    /** An instance's answer; {@code status} 0 when it could not be reached ({@code failure} says why). */
    public record Answer(int status, JsonNode body, String failure) {

        public boolean reached() {
            return status > 0;
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem's detail, else the failure, else the status. */
        public String reason() {
            if (body != null && body.hasNonNull("detail")) {
                return body.get("detail").asString();
            }
            return failure != null ? failure : "HTTP " + status;
        }
    }

    private final RestClient http;
    private final RestClient slowHttp;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ServiceCalls(ConsoleProperties properties) {
        this.http = client(properties.connectTimeout(), properties.readTimeout());
        this.slowHttp = client(properties.connectTimeout(), properties.replayTimeout());
    }

    private static RestClient client(Duration connectTimeout, Duration readTimeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(connectTimeout).build());
        requests.setReadTimeout(readTimeout);
        return RestClient.builder().requestFactory(requests).build();
    }

    /** A GET with the admin's token. */
    public Answer get(String baseUrl, String path, String token, Object... variables) {
        return call(http, HttpMethod.GET, baseUrl, path, token, null, null, variables);
    }

    /** A POST without body with the admin's token, given the time a replay takes to start. */
    public Answer postSlowly(String baseUrl, String path, String token, Object... variables) {
        return call(slowHttp, HttpMethod.POST, baseUrl, path, token, null, null, variables);
    }

    /** A GET of a public endpoint (health), no token sent. */
    public Answer getPublic(String baseUrl, String path) {
        return call(http, HttpMethod.GET, baseUrl, path, null, null, null);
    }

    /**
     * A form POST without token (the user service's login), naming the browser's address in
     * {@code X-Forwarded-For} ({@code client}, when known): a user service that trusts the console as a proxy
     * counts its login throttle per browser rather than for the console as a whole.
     */
    public Answer postForm(String baseUrl, String path, Map<String, String> form, String client) {
        MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        form.forEach(body::add);
        return call(http, HttpMethod.POST, baseUrl, path, null, body, client);
    }

    private Answer call(RestClient client, HttpMethod method, String baseUrl, String path, String token,
                        MultiValueMap<String, String> form, String forwardedFor, Object... variables) {
        Answer answer;
        try {
            RestClient.RequestBodySpec request = client.method(method)
                    .uri(baseUrl + path, variables)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
            if (token != null) {
                request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            }
            if (forwardedFor != null) {
                request.header("X-Forwarded-For", forwardedFor);
            }
            if (form != null) {
                request.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form);
            }
            answer = request.exchange((sent, response) -> new Answer(response.getStatusCode().value(),
                    parse(response.getBody().readAllBytes()), null), true);
        } catch (RestClientException e) {
            answer = new Answer(0, null, unreachable(e));
        }
        if (token != null && answer.status() == 401) {
            throw new SessionEndedException(answer.reason());
        }
        return answer;
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static String unreachable(RestClientException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String what = cause instanceof IOException ? cause.getClass().getSimpleName() : "unreachable";
        return "not reachable (" + what + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
    }

    /** The first reached instance's answer (a 5xx tries the next), else the last failure. */
    public Answer first(List<ServiceDirectory.Instance> instances, Function<ServiceDirectory.Instance, Answer> call) {
        Answer last = new Answer(0, null, "no instance is configured");
        for (ServiceDirectory.Instance instance : instances) {
            last = call.apply(instance);
            if (last.reached() && last.status() < 500) {
                return last;
            }
        }
        return last;
    }

    public JsonMapper json() {
        return json;
    }
}
