package dev.eventcommerce.console.session;

import dev.eventcommerce.console.services.ServiceCalls;
import dev.eventcommerce.console.services.ServiceDirectory;
import dev.eventcommerce.platform.auth.AccessTokenVerifier;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.CrossOriginResourcePolicyHeaderWriter.CrossOriginResourcePolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's own filter chain (it replaces platform/web's stateless bearer-token chain): a login form, a
 * server-side session holding the admin's token (the browser holds only the session cookie: HttpOnly,
 * SameSite=Strict, a new id at login), CSRF tokens on every POST, the admin role on everything but the login page,
 * the static files and the health endpoints; pages that load scripts and styles from the console only.
 */
@Configuration
public class ConsoleSecurity {

    /** No inline script or style, nothing from another origin; the pages call back to the console only. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    static final String[] PUBLIC_PATHS = {SessionProblems.LOGIN_PAGE, "/console/static/**", "/", "/health", "/error",
            "/metrics", "/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info"};

    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurity.class);

    @Bean
    public SecurityFilterChain securityFilterChain(HttpSecurity http, ServiceDirectory directory, ServiceCalls calls,
                                                   AccessTokenVerifier verifier, JsonMapper json, Clock clock) {
        SessionProblems problems = new SessionProblems(json);
        return http
                // the login form's manager alone, without Spring Boot's global one as its parent (AdminLogin)
                .authenticationManager(new ProviderManager(new AdminLogin(directory, calls, verifier)))
                .sessionManagement(session -> session
                        .sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .addFilterBefore(new ExpiredTokens(clock), CsrfFilter.class)
                .formLogin(form -> form
                        .loginPage(SessionProblems.LOGIN_PAGE)
                        .loginProcessingUrl(SessionProblems.LOGIN_PAGE)
                        .defaultSuccessUrl("/console", true)
                        .failureHandler(loginFailed()))
                .logout(logout -> logout
                        .logoutUrl("/console/logout")
                        .logoutSuccessUrl(SessionProblems.LOGIN_PAGE + "?logout")
                        .deleteCookies("CONSOLE_SESSION"))
                .httpBasic(basic -> basic.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .csrf(csrf -> { })
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                        .crossOriginResourcePolicy(corp -> corp.policy(CrossOriginResourcePolicy.SAME_ORIGIN)))
                .authorizeHttpRequests(registry -> registry
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .build();
    }

    /**
     * Back to the login page with the failure's code ({@link LoginFailure}), nothing written to the session: the
     * refusal holds the login request and its password (Spring Security's own handler keeps it in the session).
     */
    private static AuthenticationFailureHandler loginFailed() {
        return (request, response, refusal) -> {
            LoginFailure failure = LoginFailure.of(refusal);
            if (failure == LoginFailure.UNAVAILABLE) {
                log.warn("Console login failed: {}", refusal.getMessage());
            }
            response.sendRedirect(request.getContextPath() + SessionProblems.LOGIN_PAGE + "?error=" + failure.code());
        };
    }
}
