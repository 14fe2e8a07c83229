package dev.eventcommerce.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The filter's own parameter parsing reads what Tomcat's would, and refuses what Tomcat's would fail on. */
class BodySizeLimitFilterTest {

    private final BodySizeLimitFilter filter =
            new BodySizeLimitFilter(1024, 10, Duration.ofSeconds(10), JsonMapper.builder().build());

    @Test
    void queryAndFormParametersAreMergedQueryFirstAndDecodedAsUtf8() throws Exception {
        MockHttpServletRequest request = form("a=%C3%A9t%C3%A9&b=1", "a=x+y&c=&d&a=%2B");

        HttpServletRequest seen = pass(request);

        assertThat(seen.getParameterValues("a")).containsExactly("été", "x y", "+");
        assertThat(seen.getParameter("b")).isEqualTo("1");
        assertThat(seen.getParameter("c")).isEmpty();
        assertThat(seen.getParameter("d")).isEmpty();
        assertThat(seen.getParameter("missing")).isNull();
        assertThat(seen.getParameterMap()).containsOnlyKeys("a", "b", "c", "d");
    }

    @Test
    void aBodyThatIsNotAFormIsLeftForItsReader() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/register");
        request.setContentType("application/json");
        request.setContent("{\"a\":\"%zz\"}".getBytes(StandardCharsets.UTF_8));

        HttpServletRequest seen = pass(request);

        assertThat(seen.getParameterMap()).isEmpty();
        assertThat(new String(seen.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"%zz\"}");
    }

    @Test
    void malformedOrTooManyParametersAreRefusedWithoutQuotingThem() throws Exception {
        for (String[] bad : new String[][] {
                {"password=secret%FF", "not valid UTF-8"}, {"password=secret%", "malformed percent-encoding"},
                {"password=secret%0", "malformed percent-encoding"}, {"password=secret%00", "NUL"},
                {"a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11", "more than 10 parameters"}}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            AtomicReference<HttpServletRequest> seen = new AtomicReference<>();

            filter.doFilter(form(null, bad[0]), response, (req, res) -> seen.set((HttpServletRequest) req));

            assertThat(seen.get()).as(bad[0]).isNull();
            assertThat(response.getStatus()).as(bad[0]).isEqualTo(400);
            assertThat(response.getContentType()).isEqualTo("application/problem+json");
            assertThat(response.getContentAsString()).as(bad[0]).contains(bad[1]).doesNotContain("secret");
        }
    }

    @Test
    void aFormBodyOverTheLimitIsRefusedWith413() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login") {
            @Override
            public long getContentLengthLong() {
                return -1; // chunked: the size is known only while reading
            }
        };
        request.setContentType("application/x-www-form-urlencoded");
        request.setContent(("a=" + "x".repeat(2000)).getBytes(StandardCharsets.ISO_8859_1));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> { });

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("larger than 1024 bytes");
    }

    private static MockHttpServletRequest form(String query, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setQueryString(query);
        request.setContentType("application/x-www-form-urlencoded");
        request.setCharacterEncoding("UTF-8");
        request.setContent(body.getBytes(StandardCharsets.ISO_8859_1));
        return request;
    }

    private HttpServletRequest pass(MockHttpServletRequest request) throws Exception {
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> seen.set((HttpServletRequest) req));
        assertThat(seen.get()).as("passed on: " + response.getContentAsString()).isNotNull();
        return seen.get();
    }
}
