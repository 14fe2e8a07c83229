package dev.eventcommerce.user.web;

import dev.eventcommerce.user.api.FindUserById;
import dev.eventcommerce.user.api.UserView;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** The read side as the web layer asks it, through the query gateway. */
@Component
class UserQueries {

    private final QueryGateway queries;

    UserQueries(QueryGateway queries) {
        this.queries = queries;
    }

    Optional<UserView> findById(long userId) {
        return queries.query(new FindUserById(userId), ResponseTypes.optionalInstanceOf(UserView.class)).join();
    }

    UserView byId(long userId) {
        return findById(userId).orElseThrow(() -> new UserNotFoundException(userId));
    }
}
