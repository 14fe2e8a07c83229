-- Ids of new orders (the aggregate identifiers): one sequence of this context's own.
CREATE SEQUENCE order_id_seq;

-- Read model of the order-view projection; rebuilt by replaying the event store. Money is numeric.
CREATE TABLE orders (
    id           BIGINT         PRIMARY KEY,
    user_id      BIGINT         NOT NULL,
    product_id   BIGINT         NOT NULL,
    product_name VARCHAR(255)   NOT NULL,
    quantity     INTEGER        NOT NULL CHECK (quantity > 0),
    unit_price   NUMERIC(10, 2) NOT NULL,
    total_price  NUMERIC(14, 2) NOT NULL,
    status       VARCHAR(20)    NOT NULL,
    version      BIGINT         NOT NULL,
    created_at   TIMESTAMPTZ    NOT NULL,
    updated_at   TIMESTAMPTZ    NOT NULL
);
CREATE INDEX orders_user_created_idx ON orders (user_id, created_at DESC, id DESC);
