-- The largest order the rules allow (99,999,999.99 × 1,000,000) must fit the read model, or its event
-- would stop the projection.
ALTER TABLE orders ALTER COLUMN total_price TYPE NUMERIC(18, 2);
