package dev.eventcommerce.kernel.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;

/** The web conventions every service shares: problem+json errors, the seed's health shape, CORS, OpenAPI. */
@AutoConfiguration
public class WebAutoConfiguration {

    public static final String BEARER_SCHEME = "bearer";

    @Bean
    public ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    public ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    public ServiceHealthController serviceHealthController(HealthEndpoint healthEndpoint,
            @Value("${spring.application.name}") String serviceName) {
        return new ServiceHealthController(healthEndpoint, serviceName);
    }

    @Bean
    @ConditionalOnMissingBean
    public AllowedOrigins allowedOrigins(@Value("${eventcommerce.web.allowed-origins:*}") String allowedOrigins) {
        return AllowedOrigins.parse(allowedOrigins);
    }

    @Bean
    @ConditionalOnMissingBean
    public OpenAPI openApi(@Value("${spring.application.name}") String serviceName,
                           @Value("${eventcommerce.web.description:}") String description) {
        return new OpenAPI()
                .info(new Info().title(serviceName).version("v1").description(description))
                .components(new Components().addSecuritySchemes(BEARER_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
    }
}
