-- Ids of new products (the aggregate identifiers): one sequence of this context's own.
CREATE SEQUENCE product_id_seq;

-- Read model of the product-view projection; rebuilt by replaying the event store.
-- Money is numeric with two decimals, never a float.
CREATE TABLE products (
    id          BIGINT         PRIMARY KEY,
    name        VARCHAR(255)   NOT NULL,
    description VARCHAR(1000),
    price       NUMERIC(10, 2) NOT NULL CHECK (price > 0),
    quantity    INTEGER        NOT NULL CHECK (quantity >= 0),
    created_at  TIMESTAMPTZ    NOT NULL,
    updated_at  TIMESTAMPTZ    NOT NULL
);
