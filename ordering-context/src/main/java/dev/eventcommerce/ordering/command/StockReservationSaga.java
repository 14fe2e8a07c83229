package dev.eventcommerce.ordering.command;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.eventcommerce.ordering.api.OrderDeleted;
import dev.eventcommerce.ordering.api.OrderPlaced;
import dev.eventcommerce.ordering.api.OrderStatus;
import dev.eventcommerce.ordering.api.OrderStatusChanged;
import dev.eventcommerce.ordering.api.RejectOrder;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The stock reservation of one order, followed from ordering's side. Started when the order is placed
 * (its order-created message asks catalog to reserve), it waits for the order to leave pending: catalog's
 * answer confirms or rejects it through the reply consumer, a cancellation ends the wait too. If no
 * answer comes within {@link StockReservationTimeout} (catalog down, a message stuck), the deadline
 * rejects the order and marks the change as releasing its stock, so that whatever catalog reserved, or
 * would reserve later, is given back. The deadline is persistent (db-scheduler in ordering_db) and so
 * survives a restart; the saga itself lives in the JDBC saga store.
 *
 * <p>Stored as JSON: only {@code orderId} and {@code deadlineId}; the injected resources are transient.
 */
@Saga
@ProcessingGroup(StockReservationSaga.PROCESSOR)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class StockReservationSaga {

    public static final String PROCESSOR = "stock-reservation-saga";
    static final String DEADLINE = "stock-reservation";

    @JsonIgnore
    @Autowired
    private transient CommandGateway commands;
    @JsonIgnore
    @Autowired
    private transient DeadlineManager deadlines;
    @JsonIgnore
    @Autowired
    private transient StockReservationTimeout timeout;

    private long orderId;
    private String deadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderPlaced event) {
        orderId = event.orderId();
        deadlineId = deadlines.schedule(timeout.value(), DEADLINE);
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderStatusChanged event) {
        if (event.from() == OrderStatus.PENDING) {
            deadlines.cancelSchedule(DEADLINE, deadlineId);
            SagaLifecycle.end();
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderDeleted event) {
        deadlines.cancelSchedule(DEADLINE, deadlineId);
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    void catalogDidNotAnswer() {
        try {
            commands.sendAndWait(new RejectOrder(orderId, "catalog did not answer within " + timeout.text(), true));
        } catch (AggregateNotFoundException e) {
            // deleted meanwhile: nothing left to reject
        }
        SagaLifecycle.end();
    }
}
