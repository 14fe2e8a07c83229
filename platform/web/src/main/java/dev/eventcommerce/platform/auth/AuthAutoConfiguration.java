package dev.eventcommerce.platform.auth;

import dev.eventcommerce.platform.web.AllowedOrigins;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.CrossOriginResourcePolicyHeaderWriter.CrossOriginResourcePolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless JWT security for every service: tokens verified locally with the issuer's public keys
 * (Spring Security's resource server), problem+json for 401/403, CORS from
 * {@code ALLOWED_ORIGINS}. Health, docs and metrics are public; a context adds its own
 * {@link AuthorizationRules}; everything else needs a valid token.
 */
@AutoConfiguration
@EnableWebSecurity
@EnableConfigurationProperties(AuthProperties.class)
@EnableScheduling
public class AuthAutoConfiguration {

    /** Swagger UI's own scripts and styles (and its inline styles and data: images), nothing else. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";

    static final String[] PUBLIC_PATHS = {
            "/", "/health", "/metrics", "/error",
            "/docs", "/docs/**", "/swagger-ui/**", "/openapi.json", "/openapi.json/**",
            "/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info"};

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    public TokenRevocations tokenRevocations(StringRedisTemplate redis, AuthProperties properties) {
        return new TokenRevocations(redis, properties.revocationKey());
    }

    /** The issuer's public keys; user-context, which holds the keys, declares its own. */
    @Bean
    @ConditionalOnMissingBean
    public JWKSource<SecurityContext> tokenVerificationKeys(AuthProperties properties) {
        return AccessTokenVerifier.publicKeys(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    public JwtDecoder jwtDecoder(JWKSource<SecurityContext> tokenVerificationKeys, AuthProperties properties,
                                 TokenRevocations revocations, Clock clock) {
        return AccessTokenVerifier.decoder(tokenVerificationKeys, new AccessTokenRules(properties, revocations, clock));
    }

    @Bean
    public AccessTokenVerifier accessTokenVerifier(JwtDecoder jwtDecoder) {
        return new AccessTokenVerifier(jwtDecoder);
    }

    /** Picked up by Spring Security's filter chain proxy: a firewall rejection is a 400 problem, not a 500. */
    @Bean
    @ConditionalOnMissingBean
    public RequestRejectedHandler requestRejectedHandler(JsonMapper jsonMapper) {
        return new ProblemSecurityHandlers(jsonMapper);
    }

    @Bean
    @ConditionalOnMissingBean
    public SecurityFilterChain securityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
                                                   ObjectProvider<AuthorizationRules> contextRules,
                                                   AllowedOrigins allowedOrigins, JsonMapper jsonMapper) {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers(jsonMapper);
        List<AuthorizationRules> rules = contextRules.orderedStream().toList();
        List<RequestMatcher> publicRequests = new ArrayList<>();
        publicRequests.add(PathPatternRequestMatcher.pathPattern(HttpMethod.OPTIONS, "/**"));
        Arrays.stream(PUBLIC_PATHS).map(PathPatternRequestMatcher::pathPattern).forEach(publicRequests::add);
        rules.forEach(rule -> publicRequests.addAll(rule.publicRequests()));
        RequestMatcher anyPublic = new OrRequestMatcher(publicRequests);
        DefaultBearerTokenResolver bearerTokens = new DefaultBearerTokenResolver();
        return http
                .csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(allowedOrigins.corsConfigurationSource()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> { })
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // besides Spring Security's defaults (nosniff, X-Frame-Options DENY, no-cache): a JSON API
                // and Swagger UI load nothing from elsewhere, are never framed and send no referrer
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                        .crossOriginResourcePolicy(corp -> corp.policy(CrossOriginResourcePolicy.SAME_SITE)))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(request -> anyPublic.matches(request) ? null : bearerTokens.resolve(request))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(AuthAutoConfiguration::authentication))
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .authorizeHttpRequests(registry -> {
                    registry.requestMatchers(anyPublic).permitAll();
                    registry.requestMatchers("/admin/**").hasRole("ADMIN");
                    rules.forEach(rule -> rule.configure(registry));
                    registry.anyRequest().authenticated();
                })
                .build();
    }

    /** The principal of a request with a valid token is the {@link AuthenticatedUser} it stands for. */
    static AbstractAuthenticationToken authentication(Jwt jwt) {
        AuthenticatedUser user = AccessTokenRules.user(jwt);
        List<SimpleGrantedAuthority> authorities = user.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT)))
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }
}
