package dev.eventcommerce.user.web;

import dev.eventcommerce.platform.auth.AccessTokenVerifier;
import dev.eventcommerce.platform.auth.AuthenticatedUser;
import dev.eventcommerce.platform.auth.InvalidTokenException;
import dev.eventcommerce.platform.auth.SecurityEvents;
import dev.eventcommerce.platform.auth.TokenRevocations;
import dev.eventcommerce.platform.axon.ProjectionBarrier;
import dev.eventcommerce.user.api.RegisterUser;
import dev.eventcommerce.user.api.UserView;
import dev.eventcommerce.user.credentials.Credentials;
import dev.eventcommerce.user.credentials.Usernames;
import dev.eventcommerce.user.tokens.AccessTokenIssuer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registration, login and token validation: the seed's public user endpoints. */
@RestController
@Tag(name = "auth")
class AuthController {

    private final CommandGateway commands;
    private final UserQueries users;
    private final ProjectionBarrier projection;
    private final Credentials credentials;
    private final AccessTokenIssuer issuer;
    private final AccessTokenVerifier verifier;
    private final LoginThrottle throttle;
    private final RequestThrottles requestThrottles;

    AuthController(CommandGateway commands, UserQueries users, ProjectionBarrier projection, Credentials credentials,
                   AccessTokenIssuer issuer, AccessTokenVerifier verifier, LoginThrottle throttle,
                   RequestThrottles requestThrottles) {
        this.commands = commands;
        this.users = users;
        this.projection = projection;
        this.credentials = credentials;
        this.issuer = issuer;
        this.verifier = verifier;
        this.throttle = throttle;
        this.requestThrottles = requestThrottles;
    }

    @Operation(summary = "Register a user",
            description = "409 when the username is taken (names are compared without case, in Unicode NFKC); 422 "
                    + "for a username of other than 3-50 visible characters, or a password shorter than 8 characters, "
                    + "longer than 72 bytes, only whitespace, equal to the username or among the most common "
                    + "passwords; 429 with Retry-After when the client or the service registers too often")
    @PostMapping(path = "/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    UserResponses.User register(@Valid @RequestBody UserRequests.Register request, HttpServletRequest http) {
        CredentialRules.checkNew(request.username(), "password", request.password());
        String client = http.getRemoteAddr();
        requestThrottles.registration(client).ifPresent(seconds -> {
            SecurityEvents.throttled("registration", request.username(), client, seconds);
            throw new ThrottledException("registrations", seconds);
        });
        Long userId = commands.sendAndWait(
                new RegisterUser(Usernames.normalize(request.username()), credentials.hash(request.password()),
                        Set.of(AuthenticatedUser.ROLE_USER)));
        // no Location: the new user reads itself at /users/me once logged in, and only an admin reads /users/{id}
        projection.awaitAggregate(UserView.PROJECTION, String.valueOf(userId), null);
        return UserResponses.User.of(users.byId(userId));
    }

    @Operation(summary = "Log in (OAuth2 password form) and get a bearer token",
            description = "401 for a wrong password or an unknown or deactivated user; 422 for a username over 50 "
                    + "characters or a password over 72 bytes; 429 with Retry-After after repeated failures for a "
                    + "username from a client, for a username, or from a client (the wait doubles with each failure); "
                    + "503 with Retry-After when too many passwords are being checked at once")
    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    UserResponses.Token login(@RequestParam String username, @RequestParam String password,
                              HttpServletRequest request) {
        CredentialRules.checkLogin(username, password);
        String name = Usernames.normalize(username);
        String client = request.getRemoteAddr();
        throttle.secondsToWait(name, client).ifPresent(seconds -> {
            SecurityEvents.throttled("login", name, client, seconds);
            throw new ThrottledException(seconds);
        });
        Optional<Credentials.Login> login = credentials.authenticate(name, password);
        Optional<UserView> user = login.flatMap(found -> users.findById(found.userId()));
        if (user.isEmpty() || !user.get().active()) {
            throttle.failed(name, client);
            SecurityEvents.loginFailed(name, client, login.isEmpty() ? "wrong username or password" : "user deactivated");
            throw new LoginFailedException();
        }
        throttle.succeeded(name, client);
        long notBefore = login.get().passwordChangedAt().map(TokenRevocations::validFromAfter).orElse(0L);
        AccessTokenIssuer.IssuedToken token = issuer.issue(user.get().id(), user.get().username(), user.get().roles(),
                notBefore);
        long expiresIn = Duration.between(Instant.now(), token.expiresAt()).toSeconds();
        return new UserResponses.Token(token.token(), "bearer", expiresIn);
    }

    @Operation(summary = "Check a token", description = "Always 200; valid is false for a bad, expired or revoked token")
    @PostMapping(path = "/validate-token", consumes = MediaType.APPLICATION_JSON_VALUE)
    UserResponses.TokenValidation validateToken(@Valid @RequestBody UserRequests.ValidateToken request) {
        AuthenticatedUser caller;
        try {
            caller = verifier.verify(request.token());
        } catch (InvalidTokenException e) {
            return UserResponses.TokenValidation.invalid(e.getMessage());
        }
        Optional<UserView> user = users.findById(caller.userId());
        if (user.isEmpty()) {
            return UserResponses.TokenValidation.invalid("User not found");
        }
        if (!user.get().active()) {
            return UserResponses.TokenValidation.invalid("User is deactivated");
        }
        return new UserResponses.TokenValidation(true, caller.userId(), user.get().username(), "Token is valid");
    }
}
