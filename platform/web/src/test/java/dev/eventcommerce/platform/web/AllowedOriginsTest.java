package dev.eventcommerce.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class AllowedOriginsTest {

    @Test
    void aCommaListIsParsed() {
        assertThat(AllowedOrigins.parse("https://myapp.com, https://www.myapp.com").origins())
                .containsExactly("https://myapp.com", "https://www.myapp.com");
    }

    @Test
    void aJsonArrayIsParsed() {
        assertThat(AllowedOrigins.parse("[\"https://myapp.com\",\"https://www.myapp.com\"]").origins())
                .containsExactly("https://myapp.com", "https://www.myapp.com");
    }

    @Test
    void unsetOrStarMeansAnyOrigin() {
        assertThat(AllowedOrigins.parse(null).anyOrigin()).isTrue();
        assertThat(AllowedOrigins.parse("").anyOrigin()).isTrue();
        assertThat(AllowedOrigins.parse("*").anyOrigin()).isTrue();
    }

    @Test
    void specificOriginsAllowOnlyThemWithCredentials() {
        var source = AllowedOrigins.parse("https://myapp.com").corsConfigurationSource();
        var configuration = source.getCorsConfiguration(new MockHttpServletRequest("GET", "/products"));

        assertThat(configuration.checkOrigin("https://myapp.com")).isEqualTo("https://myapp.com");
        assertThat(configuration.checkOrigin("https://evil.example")).isNull();
        assertThat(configuration.getAllowCredentials()).isTrue();
    }

    @Test
    void anyOriginIsAllowedWithoutCredentials() {
        var configuration = AllowedOrigins.parse("*").corsConfigurationSource()
                .getCorsConfiguration(new MockHttpServletRequest("GET", "/products"));

        assertThat(configuration.checkOrigin("https://anything.example")).isNotNull();
        assertThat(configuration.getAllowCredentials()).isFalse();
    }
}
