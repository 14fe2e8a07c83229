package dev.eventcommerce.user.web;

import dev.eventcommerce.kernel.auth.AccessTokens;
import dev.eventcommerce.kernel.auth.AuthenticatedUser;
import dev.eventcommerce.kernel.auth.InvalidTokenException;
import dev.eventcommerce.kernel.axon.ProjectionBarrier;
import dev.eventcommerce.user.api.RegisterUser;
import dev.eventcommerce.user.api.UserView;
import dev.eventcommerce.user.credentials.Credentials;
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
    private final AccessTokens accessTokens;
    private final LoginThrottle throttle;

    AuthController(CommandGateway commands, UserQueries users, ProjectionBarrier projection, Credentials credentials,
                   AccessTokens accessTokens, LoginThrottle throttle) {
        this.commands = commands;
        this.users = users;
        this.projection = projection;
        this.credentials = credentials;
        this.accessTokens = accessTokens;
        this.throttle = throttle;
    }

    @Operation(summary = "Register a user", description = "409 when the username is taken")
    @PostMapping(path = "/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    UserResponses.User register(@Valid @RequestBody UserRequests.Register request) {
        Long userId = commands.sendAndWait(
                new RegisterUser(request.username(), credentials.hash(request.password()),
                        Set.of(AuthenticatedUser.ROLE_USER)));
        projection.awaitAggregate(UserView.PROJECTION, String.valueOf(userId));
        return UserResponses.User.of(users.byId(userId));
    }

    @Operation(summary = "Log in (OAuth2 password form) and get a bearer token",
            description = "401 for a wrong password or an unknown or deactivated user; 429 with Retry-After after "
                    + "repeated failures for a username or from a client")
    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    UserResponses.Token login(@RequestParam String username, @RequestParam String password,
                              HttpServletRequest request) {
        String client = request.getRemoteAddr();
        throttle.secondsToWait(username, client).ifPresent(seconds -> {
            throw new LoginThrottledException(seconds);
        });
        UserView user = credentials.authenticate(username, password)
                .flatMap(users::findById)
                .filter(UserView::active)
                .orElse(null);
        if (user == null) {
            throttle.failed(username, client);
            throw new LoginFailedException();
        }
        throttle.succeeded(username);
        AccessTokens.IssuedToken token = accessTokens.issue(user.id(), user.username(), user.roles());
        long expiresIn = Duration.between(Instant.now(), token.expiresAt()).toSeconds();
        return new UserResponses.Token(token.token(), "bearer", expiresIn);
    }

    @Operation(summary = "Check a token", description = "Always 200; valid is false for a bad, expired or revoked token")
    @PostMapping(path = "/validate-token", consumes = MediaType.APPLICATION_JSON_VALUE)
    UserResponses.TokenValidation validateToken(@Valid @RequestBody UserRequests.ValidateToken request) {
        AuthenticatedUser caller;
        try {
            caller = accessTokens.verify(request.token());
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
