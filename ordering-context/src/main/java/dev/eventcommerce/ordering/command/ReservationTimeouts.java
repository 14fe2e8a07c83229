package dev.eventcommerce.ordering.command;

import dev.eventcommerce.ordering.api.FindPendingOrders;
import dev.eventcommerce.ordering.api.RejectOrder;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The stock reservation's timeout: an order that catalog has not answered for within
 * {@link StockReservationTimeout} (catalog down, a message stuck) is rejected, and the change marked as
 * releasing its stock, so that whatever catalog reserved, or would reserve later, is given back.
 *
 * <p>One periodic sweep of the pending orders in the read model, rather than a saga and a persistent deadline
 * per order: those cost four writes per order (saga, association, deadline, their removal) for a timeout that
 * almost never fires. Every instance sweeps; the Order decides (only a pending order is rejected), so two
 * sweeps of one order, or a sweep racing catalog's late answer, record one outcome. An order the read model
 * shows late, or a sweep missed (a restart), is rejected at the next sweep: the timeout is a lower bound.
 */
class ReservationTimeouts {

    private static final Logger log = LoggerFactory.getLogger(ReservationTimeouts.class);
    /** Orders rejected per sweep at most: a backlog after a long catalog outage is worked off over a few sweeps. */
    static final int BATCH = 500;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final StockReservationTimeout timeout;
    private final Clock clock;

    ReservationTimeouts(CommandGateway commands, QueryGateway queries, StockReservationTimeout timeout, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${eventcommerce.ordering.reservation-sweep-interval:1s}",
            initialDelayString = "${eventcommerce.ordering.reservation-sweep-interval:1s}")
    void sweep() {
        try {
            List<Long> overdue = queries.query(new FindPendingOrders(clock.instant().minus(timeout.value()), BATCH),
                    ResponseTypes.multipleInstancesOf(Long.class)).join();
            for (long orderId : overdue) {
                reject(orderId);
            }
        } catch (RuntimeException e) {
            // the database is away, most likely: the next sweep tries again, and loses nothing meanwhile
            log.warn("Pending orders not swept for their reservation timeout now: {}", e.getMessage());
        }
    }

    private void reject(long orderId) {
        try {
            commands.sendAndWait(new RejectOrder(orderId, "catalog did not answer within " + timeout.text(), true));
        } catch (AggregateNotFoundException e) {
            // deleted meanwhile: nothing left to reject
        } catch (ConcurrencyException e) {
            // another instance's sweep, or catalog's answer, changed it at the same moment: it is decided
            log.debug("Order {} changed while its reservation timed out; left to that change", orderId);
        }
    }
}
