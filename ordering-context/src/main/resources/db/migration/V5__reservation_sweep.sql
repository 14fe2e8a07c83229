-- The stock reservation's timeout is a periodic sweep of pending orders (ReservationTimeouts) instead of a
-- saga and a db-scheduler deadline per order: their tables' rows and the saga processor's token go.
DROP TABLE scheduled_tasks;
DELETE FROM associationvalueentry WHERE sagatype = 'dev.eventcommerce.ordering.command.StockReservationSaga';
DELETE FROM sagaentry WHERE sagatype = 'dev.eventcommerce.ordering.command.StockReservationSaga';
DELETE FROM tokenentry WHERE processorname = 'stock-reservation-saga';
-- What the sweep reads: pending orders by age; small, since an order is pending for milliseconds.
CREATE INDEX orders_pending_idx ON orders (created_at) WHERE status = 'pending';
