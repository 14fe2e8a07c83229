package dev.eventcommerce.platform.axon;

import dev.eventcommerce.platform.auth.AuthenticatedUser;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who did it: every command sent on behalf of an authenticated caller carries the caller's
 * {@value #USER_ID} and {@value #USERNAME} as metadata, and Axon copies them onto the events the command
 * produces. The audit history of an aggregate reads them back from the event store.
 */
public final class ActorMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String USER_ID = "user_id";
    public static final String USERNAME = "username";

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (command.getMetaData().containsKey(USER_ID) || authentication == null
                    || !(authentication.getPrincipal() instanceof AuthenticatedUser caller)) {
                return command;
            }
            return command.andMetaData(Map.of(USER_ID, caller.userId(), USERNAME, caller.username()));
        };
    }
}
