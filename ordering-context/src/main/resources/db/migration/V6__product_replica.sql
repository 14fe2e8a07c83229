-- Ordering's copy of catalog's products, as far as pricing an order needs them (stock is catalog's alone):
-- fed by catalog's product messages, each applied only over an older version (version = the product's
-- sequence number in catalog's event store), so a redelivered or reordered message never moves a row back.
-- A product ordered before any message about it arrived is asked of catalog once over HTTP and stored with
-- version -1, below every message's. A deleted product keeps its row (deleted, with its last name and price).
CREATE TABLE product_replica (
    product_id BIGINT         PRIMARY KEY,
    name       VARCHAR(255),
    price      NUMERIC(10, 2),
    deleted    BOOLEAN        NOT NULL,
    version    BIGINT         NOT NULL,
    updated_at TIMESTAMPTZ    NOT NULL DEFAULT now(),
    CHECK (deleted OR (name IS NOT NULL AND price IS NOT NULL))
);
