package dev.eventcommerce.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Duration;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * The web conventions every service shares: problem+json errors, the seed's health shape, CORS, OpenAPI.
 * Runs before Boot's error auto-configuration so that {@link ProblemErrorController} is the only
 * {@code /error} handler (with both, every error dispatch was ambiguous and answered 500).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
public class WebAutoConfiguration {

    public static final String BEARER_SCHEME = "bearer";

    @Bean
    public ProblemDetailsAdvice problemDetailsAdvice(ObjectProvider<DomainProblems> domainProblems) {
        return new ProblemDetailsAdvice(domainProblems.orderedStream().toList());
    }

    /**
     * Before everything else, security included: an oversized, slow or malformed body, and malformed or too
     * many parameters, are refused before anything reads them.
     */
    @Bean
    public FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            @Value("${eventcommerce.web.max-body-size:64KB}") DataSize maxBodySize,
            @Value("${server.tomcat.max-parameter-count:100}") int maxParameters,
            @Value("${eventcommerce.web.body-read-timeout:10s}") Duration bodyReadTimeout, JsonMapper jsonMapper) {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(maxBodySize.toBytes(), maxParameters, bodyReadTimeout, jsonMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
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

    /**
     * Request bodies are read strictly: a number or boolean where text is expected, a string or fraction
     * where an integer is expected, are refused (422) rather than silently converted; a field given twice
     * is malformed (400), not "the last one wins".
     */
    @Bean
    public JsonMapperBuilderCustomizer strictJsonInput() {
        return builder -> builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }

    /** Tomcat's own refusals (before the application sees a request) as problem+json too. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    public DecimalNumberBinding decimalNumberBinding() {
        return new DecimalNumberBinding();
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
