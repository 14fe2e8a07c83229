-- Why an order has its status, where there is a reason to tell (a rejection by the stock reservation).
ALTER TABLE orders ADD COLUMN status_reason VARCHAR(255);
