package dev.eventcommerce.console.session;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import dev.eventcommerce.console.ConsoleBrowser;
import dev.eventcommerce.console.ConsoleTest;
import dev.eventcommerce.console.ConsoleTestServices;
import dev.eventcommerce.platform.testing.TestTokens;
import io.jsonwebtoken.Jwts;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
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
        assertThat(login.header("Location")).endsWith("/console/login?error");
        assertThat(browser.get("/console/login?error").body()).contains("data-testid=\"login-error\"")
                .contains(AdminLogin.NOT_ADMIN);
        assertThat(browser.get("/console/api/session").status()).isEqualTo(401);
    }

    @Test
    void wrongCredentialsAtTheUserServiceAreRefused() {
        ConsoleTestServices.USER.stubFor(post(urlEqualTo("/login")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":401}")));
        ConsoleBrowser browser = new ConsoleBrowser(port);

        assertThat(browser.login("root", "wrong").header("Location")).endsWith("/console/login?error");
        assertThat(browser.get("/console/login?error").body()).contains(AdminLogin.BAD_CREDENTIALS);
        assertThat(browser.get("/console/api/session").status()).isEqualTo(401);
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

        assertThat(browser.login("mallory", "x").header("Location")).endsWith("/console/login?error");
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
