package dev.eventcommerce.user.web;

import dev.eventcommerce.platform.auth.AuthenticatedUser;
import dev.eventcommerce.platform.auth.SecurityEvents;
import dev.eventcommerce.platform.axon.ProjectionBarrier;
import dev.eventcommerce.platform.web.WebAutoConfiguration;
import dev.eventcommerce.user.api.ChangePassword;
import dev.eventcommerce.user.api.DeactivateUser;
import dev.eventcommerce.user.api.UserView;
import dev.eventcommerce.user.credentials.Credentials;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account, and the admin's view and deactivation of any account. */
@RestController
@Tag(name = "users")
@SecurityRequirement(name = WebAutoConfiguration.BEARER_SCHEME)
class UserController {

    private final CommandGateway commands;
    private final UserQueries users;
    private final ProjectionBarrier projection;
    private final Credentials credentials;
    private final RequestThrottles throttles;

    UserController(CommandGateway commands, UserQueries users, ProjectionBarrier projection, Credentials credentials,
                   RequestThrottles throttles) {
        this.commands = commands;
        this.users = users;
        this.projection = projection;
        this.credentials = credentials;
        this.throttles = throttles;
    }

    @Operation(summary = "The caller's account")
    @GetMapping("/users/me")
    UserResponses.User me(@AuthenticationPrincipal AuthenticatedUser caller) {
        return UserResponses.User.of(users.byId(caller.userId()));
    }

    @Operation(summary = "Change the caller's password",
            description = "The current password is required; the new one follows the registration rules (422). Every "
                    + "token issued before the change, this one included, is refused by every service within seconds: "
                    + "log in again. 429 with Retry-After after a few changes in a short time")
    @PutMapping(path = "/users/me/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    UserResponses.User changePassword(@AuthenticationPrincipal AuthenticatedUser caller,
                                      @Valid @RequestBody UserRequests.ChangePassword request) {
        CredentialRules.checkNewPassword(caller.username(), "new_password", request.newPassword());
        throttles.passwordChange(caller.userId()).ifPresent(seconds -> {
            SecurityEvents.throttled("password-change", caller.username(), null, seconds);
            throw new ThrottledException("password changes", seconds);
        });
        commands.sendAndWait(new ChangePassword(caller.userId(), request.currentPassword(),
                credentials.hash(request.newPassword())));
        return changed(caller.userId());
    }

    @Operation(summary = "Any user's account (admin)")
    @GetMapping("/users/{id}")
    UserResponses.User user(@PathVariable long id) {
        return UserResponses.User.of(users.byId(id));
    }

    @Operation(summary = "Deactivate a user (admin)",
            description = "Its tokens stop working in every service within seconds; it can no longer log in")
    @PostMapping("/users/{id}/deactivate")
    UserResponses.User deactivate(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long id) {
        commands.sendAndWait(new DeactivateUser(id, caller.userId()));
        return changed(id);
    }

    private UserResponses.User changed(long userId) {
        projection.awaitAggregate(UserView.PROJECTION, String.valueOf(userId), "/users/" + userId);
        return UserResponses.User.of(users.byId(userId));
    }
}
