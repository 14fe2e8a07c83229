package dev.eventcommerce.user.command;

import dev.eventcommerce.platform.auth.AuthenticatedUser;
import dev.eventcommerce.user.api.RegisterUser;
import dev.eventcommerce.user.api.ResetPassword;
import dev.eventcommerce.user.api.UsernameTakenException;
import dev.eventcommerce.user.credentials.Credentials;
import dev.eventcommerce.user.credentials.PasswordPolicy;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Registers the one admin account from {@code ADMIN_USERNAME}/{@code ADMIN_PASSWORD} at start, through
 * the same command as any registration, so it too is an event. An existing account whose password is not
 * {@code ADMIN_PASSWORD} gets it.
 */
@Component
class AdminAccount implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final CommandGateway commands;
    private final Credentials credentials;
    private final String username;
    private final String password;

    AdminAccount(CommandGateway commands, Credentials credentials,
                 @Value("${eventcommerce.users.admin-username:}") String username,
                 @Value("${eventcommerce.users.admin-password:}") String password) {
        this.commands = commands;
        this.credentials = credentials;
        this.username = username;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (username.isBlank() || password.isBlank()) {
            log.info("No ADMIN_USERNAME/ADMIN_PASSWORD: no admin account is created");
            return;
        }
        if (PasswordPolicy.problem(password, username).isPresent()) {
            throw new IllegalStateException("ADMIN_PASSWORD " + PasswordPolicy.problem(password, username).get());
        }
        if (credentials.exists(username)) {
            // ADMIN_PASSWORD is the admin's password: a new one (another checkout's make run, a rotated secret)
            // replaces the stored one, as a PasswordChanged event, which also revokes the admin's older tokens
            if (credentials.authenticate(username, password).isEmpty()) {
                credentials.userId(username).ifPresent(id -> {
                    commands.sendAndWait(new ResetPassword(id, credentials.hash(password)));
                    log.info("Admin account '{}': password set from ADMIN_PASSWORD", username);
                });
            }
            return;
        }
        try {
            commands.sendAndWait(new RegisterUser(username, credentials.hash(password),
                    Set.of(AuthenticatedUser.ROLE_ADMIN, AuthenticatedUser.ROLE_USER)));
            log.info("Admin account '{}' registered", username);
        } catch (UsernameTakenException e) {
            // another instance registered it at the same moment
        }
    }
}
