package dev.eventcommerce.console.session;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.jwk.ECKey;
import dev.eventcommerce.console.ConsoleBrowser;
import dev.eventcommerce.console.ConsoleProperties;
import dev.eventcommerce.console.ConsoleTest;
import dev.eventcommerce.console.ConsoleTestServices;
import dev.eventcommerce.console.services.ServiceCalls;
import dev.eventcommerce.console.services.ServiceDirectory;
import dev.eventcommerce.platform.auth.AccessTokenVerifier;
import dev.eventcommerce.platform.testing.TestTokens;
import io.jsonwebtoken.Jwts;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ConsoleTest
class ConsoleSessionIT {

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    @Autowired
    ServiceCalls calls;

    @Autowired
    AccessTokenVerifier verifier;

    @BeforeEach
    void resetStubs() {
        ConsoleTestServices.USER.resetAll();
        ConsoleTestServices.ORDERING_1.resetAll();
        ConsoleTestServices.ORDERING_2.resetAll();
    }

    @Test
    void anAdminLogsInWithTheUserServiceAndGetsAnHttpOnlyStrictSessionCookieWithANewId() {
        ConsoleBrowser browser = new ConsoleBrowser(port);
        ConsoleBrowser.stubLogin(7, "root", List.of("user", "admin"));
        browser.get("/console/login");
        String before = browser.sessionCookie();

        ConsoleBrowser.Response login = browser.login("root", "pa ss&word");

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).endsWith("/console");
        String cookie = login.headers("Set-Cookie").stream().filter(header -> header.startsWith("CONSOLE_SESSION="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        assertThat(browser.sessionCookie()).isNotNull().isNotEqualTo(before);
        ConsoleTestServices.USER.verify(postRequestedFor(urlEqualTo("/login"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("username", equalTo("root"))
                .withFormParam("password", equalTo("pa ss&word"))
                .withHeader("X-Forwarded-For", equalTo("127.0.0.1")));
        ConsoleBrowser.Response session = browser.get("/console/api/session");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().get("username").asString()).isEqualTo("root");
        // the token stays on the server: neither the page nor the API shows it
        assertThat(browser.get("/console").body()).doesNotContain("eyJ");
        assertThat(session.body()).doesNotContain("eyJ");
    }

    @Test
    void aUserWithoutTheAdminRoleIsRefusedOnTheLoginPage() {
        ConsoleBrowser browser = new ConsoleBrowser(port);
        ConsoleBrowser.stubLogin(8, "alice", List.of("user"));

        ConsoleBrowser.Response login = browser.login("alice", "secret");

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).endsWith("/console/login?error=not_admin");
        assertThat(browser.get(pathOf(login.header("Location"))).body()).contains("data-testid=\"login-error\"")
                .contains(LoginFailure.NOT_ADMIN.message());
        assertThat(browser.get("/console/api/session").status()).isEqualTo(401);
        // its token was issued once: the login was not asked again of the user service
        ConsoleTestServices.USER.verify(1, postRequestedFor(urlEqualTo("/login")));
    }

    @Test
    void wrongCredentialsAtTheUserServiceAreRefused() {
        ConsoleTestServices.USER.stubFor(post(urlEqualTo("/login")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":401}")));
        ConsoleBrowser browser = new ConsoleBrowser(port);

        String location = browser.login("root", "wrong").header("Location");

        assertThat(location).endsWith("/console/login?error=bad_credentials");
        assertThat(browser.get(pathOf(location)).body()).contains(LoginFailure.BAD_CREDENTIALS.message());
        assertThat(browser.get("/console/api/session").status()).isEqualTo(401);
        // asked once, not again by a second authentication manager: a retry would count twice in its throttle
        ConsoleTestServices.USER.verify(1, postRequestedFor(urlEqualTo("/login")));
    }

    @Test
    void aFailedLoginLeavesNoTraceOfThePasswordInTheSession() throws Exception {
        ConsoleTestServices.USER.stubFor(post(urlEqualTo("/login")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":401}")));
        String password = "pw-" + UUID.randomUUID();
        ConsoleBrowser browser = new ConsoleBrowser(port);

        String location = browser.login("root", password).header("Location");

        assertThat(location).endsWith("/console/login?error=bad_credentials");
        List<Object> attributes = sessionAttributes();
        assertThat(attributes).noneMatch(Throwable.class::isInstance);
        for (Object attribute : attributes) {
            ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(attribute);
            }
            assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).as(attribute.getClass().getName())
                    .doesNotContain(password);
        }
    }

    @Test
    void eachLoginFailureHasItsOwnMessageAndAnUnknownCodeNoneOfItsText() {
        ConsoleBrowser browser = new ConsoleBrowser(port);
        ConsoleTestServices.USER.stubFor(post(urlEqualTo("/login")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":429}")));

        String throttled = browser.login("root", "secret").header("Location");

        assertThat(throttled).endsWith("/console/login?error=throttled");
        assertThat(browser.get(pathOf(throttled)).body()).contains("Too many login attempts");
        ConsoleTestServices.USER.stubFor(post(urlEqualTo("/login")).willReturn(aResponse().withStatus(503)));
        String unavailable = browser.login("root", "secret").header("Location");
        assertThat(unavailable).endsWith("/console/login?error=unavailable");
        assertThat(browser.get(pathOf(unavailable)).body()).contains("The user service cannot log you in now");
        String odd = browser.get("/console/login?error=%3Cscript%3Ealert(1)%3C/script%3E").body();
        assertThat(odd).contains("data-testid=\"login-error\"").contains("Login failed")
                .doesNotContain("alert(1)");
    }

    /** The sick instance stands first in a directory of its own (the shared one lists a single user service). */
    @Test
    void theLoginMovesOnFromAUserServiceInstanceAnswering5xx() {
        WireMockServer sick = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        sick.start();
        try {
            sick.stubFor(post(urlEqualTo("/login")).willReturn(aResponse().withStatus(500)));
            ConsoleBrowser.stubLogin(7, "root", List.of("admin"));
            AdminLogin login = new AdminLogin(directory(sick.baseUrl() + "," + ConsoleTestServices.USER.baseUrl()),
                    calls, verifier);

            Authentication admin = login.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("root", "secret"));

            assertThat(admin.getPrincipal()).isInstanceOfSatisfying(ConsoleAdmin.class,
                    principal -> assertThat(principal.username()).isEqualTo("root"));
            sick.verify(1, postRequestedFor(urlEqualTo("/login")));
            ConsoleTestServices.USER.verify(1, postRequestedFor(urlEqualTo("/login")));
        } finally {
            sick.stop();
        }
    }

    private static ServiceDirectory directory(String userUrls) {
        return new ServiceDirectory(new ConsoleProperties(Map.of("user", userUrls), null, null, null, null, null, null));
    }

    /** The path and query of a redirect's (absolute) location. */
    private static String pathOf(String location) {
        java.net.URI uri = java.net.URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Every attribute of every session the console's Tomcat holds now. */
    private List<Object> sessionAttributes() {
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
        List<Object> attributes = new ArrayList<>();
        for (Container web : server.getTomcat().getHost().findChildren()) {
            for (Session session : ((Context) web).getManager().findSessions()) {
                HttpSession http = session.getSession();
                Collections.list(http.getAttributeNames()).forEach(name -> attributes.add(http.getAttribute(name)));
            }
        }
        return attributes;
    }

    @Test
    void aTokenNotSignedByTheIssuersKeyOpensNoSessionWhateverItsRoles() {
        ECKey otherKey = TestTokens.generate();
        String forged = Jwts.builder().header().keyId(TestTokens.shared().keyId()).and()
                .issuer(TestTokens.ISSUER).subject("mallory").claim("user_id", 9).claim("roles", List.of("admin"))
                .issuedAt(new java.util.Date()).expiration(new java.util.Date(System.currentTimeMillis() + 600_000))
                .signWith(TestTokens.privateKey(otherKey), Jwts.SIG.ES256).compact();
        ConsoleBrowser.stubLoginToken(forged);
        ConsoleBrowser browser = new ConsoleBrowser(port);

        assertThat(browser.login("mallory", "x").header("Location")).endsWith("/console/login?error=unavailable");
        assertThat(browser.get("/console/api/session").status()).isEqualTo(401);
    }

    @Test
    void withoutASessionTheApiAnswers401ProblemsAndThePagesSendToTheLoginPage() {
        ConsoleBrowser browser = new ConsoleBrowser(port);
        for (String path : List.of("/console/api/session", "/console/api/processors", "/console/api/dead-letters",
                "/console/api/health")) {
            ConsoleBrowser.Response response = browser.get(path);
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
        }
        assertThat(browser.post("/console/api/dead-letters/1/retry", null).status()).isEqualTo(401);
        for (String page : List.of("/console", "/console/processors", "/console/dead-letters", "/console/orders",
                "/console/products/1")) {
            ConsoleBrowser.Response response = browser.get(page);
            assertThat(response.status()).as(page).isEqualTo(302);
            assertThat(response.header("Location")).as(page).endsWith("/console/login");
        }
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefused() {
        ConsoleBrowser browser = new ConsoleBrowser(port).loggedInAsAdmin();

        assertThat(browser.postWithoutCsrf("/console/api/dead-letters/999999999/retry", null).status()).isEqualTo(403);
        assertThat(browser.post("/console/api/dead-letters/999999999/retry", null).status()).isEqualTo(404);
        // the login form too: no CSRF token, no login
        ConsoleBrowser other = new ConsoleBrowser(port);
        ConsoleBrowser.stubLogin(1, "admin", List.of("admin"));
        ConsoleBrowser.Response login = other.postForm("/console/login",
                java.util.Map.of("username", "admin", "password", "b"));
        assertThat(login.header("Location")).endsWith("/console/login");
        assertThat(other.get("/console/api/session").status()).isEqualTo(401);
    }

    @Test
    void aSessionWithoutTheAdminRoleIsForbiddenEverywhere() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();

        mvc.perform(get("/console/api/processors").with(user("alice").roles("USER"))).andExpect(status().isForbidden());
        mvc.perform(get("/console/dead-letters").with(user("alice").roles("USER"))).andExpect(status().isForbidden());
    }

    @Test
    void aServiceRefusingTheTokenEndsTheSession() {
        ConsoleBrowser browser = new ConsoleBrowser(port).loggedInAsAdmin();
        for (var ordering : List.of(ConsoleTestServices.ORDERING_1, ConsoleTestServices.ORDERING_2)) {
            ordering.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/admin/processors"))
                    .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                            .withBody("{\"status\":401,\"detail\":\"User is deactivated\"}")));
        }

        ConsoleBrowser.Response processors = browser.get("/console/api/processors");

        assertThat(processors.status()).isEqualTo(401);
        assertThat(processors.json().get("detail").asString()).contains("User is deactivated");
        assertThat(browser.get("/console/api/session").status()).isEqualTo(401);
        ConsoleTestServices.ORDERING_1.verify(getRequestedFor(urlEqualTo("/admin/processors"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer ey.+")));
    }

    @Test
    void theSessionEndsWhenTheAdminsTokenExpires() throws InterruptedException {
        java.time.Instant now = java.time.Instant.now();
        String shortLived = TestTokens.shared().builder(7, "root", List.of("admin"))
                .issuedAt(java.util.Date.from(now)).expiration(java.util.Date.from(now.plusSeconds(2))).compact();
        ConsoleBrowser.stubLoginToken(shortLived);
        ConsoleBrowser browser = new ConsoleBrowser(port);
        assertThat(browser.login("root", "secret").header("Location")).endsWith("/console");
        assertThat(browser.get("/console/api/session").status()).isEqualTo(200);

        Thread.sleep(2500);

        assertThat(browser.get("/console/api/session").status()).isEqualTo(401);
        assertThat(browser.get("/console").header("Location")).endsWith("/console/login");
    }

    @Test
    void logoutEndsTheSession() {
        ConsoleBrowser browser = new ConsoleBrowser(port).loggedInAsAdmin();

        ConsoleBrowser.Response logout = browser.postForm("/console/logout", java.util.Map.of("_csrf", browser.csrf()));

        assertThat(logout.status()).isEqualTo(302);
        assertThat(logout.header("Location")).endsWith("/console/login?logout");
        assertThat(browser.get("/console/api/session").status()).isEqualTo(401);
    }

    @Test
    void theConsolePagesAllowScriptsAndStylesFromTheConsoleOnly() {
        ConsoleBrowser.Response page = new ConsoleBrowser(port).get("/console/login");

        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("style-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
    }
}
