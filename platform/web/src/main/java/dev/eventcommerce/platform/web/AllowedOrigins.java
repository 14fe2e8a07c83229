package dev.eventcommerce.platform.web;

import java.util.Arrays;
import java.util.List;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The browser origins allowed to call a service, from {@code ALLOWED_ORIGINS} in any of the seed's
 * forms: {@code *}, a comma list, or a JSON array of strings. {@code *} allows any origin but, as the
 * CORS rules require, without credentials.
 */
public record AllowedOrigins(List<String> origins) {

    public AllowedOrigins {
        origins = List.copyOf(origins);
    }

    public static AllowedOrigins parse(String value) {
        String text = value == null ? "" : value.trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        List<String> origins = Arrays.stream(text.split(","))
                .map(String::trim)
                .map(origin -> origin.replaceAll("^[\"']|[\"']$", "").trim())
                .filter(origin -> !origin.isEmpty())
                .toList();
        return new AllowedOrigins(origins.isEmpty() ? List.of("*") : origins);
    }

    public boolean anyOrigin() {
        return origins.contains("*");
    }

    public CorsConfigurationSource corsConfigurationSource() {
        CorsConfiguration configuration = new CorsConfiguration();
        if (anyOrigin()) {
            configuration.addAllowedOriginPattern("*");
            configuration.setAllowCredentials(false);
        } else {
            configuration.setAllowedOrigins(origins);
            configuration.setAllowCredentials(true);
        }
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        configuration.setAllowedHeaders(List.of("*"));
        configuration.setExposedHeaders(List.of("ETag", "Location", "WWW-Authenticate"));
        configuration.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }
}
