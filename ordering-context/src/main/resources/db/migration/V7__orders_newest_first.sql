-- The staff's list of every customer's orders (GET /admin/orders), newest first: all of them, or those in one
-- status; one customer's orders use orders_user_created_idx (V1).
CREATE INDEX orders_created_idx ON orders (created_at DESC, id DESC);
CREATE INDEX orders_status_created_idx ON orders (status, created_at DESC, id DESC);
