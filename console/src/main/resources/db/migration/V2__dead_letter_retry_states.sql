-- A retry no longer holds the row's lock while it waits for RabbitMQ: it marks the row 'retrying' (with who and
-- when in acted_by/acted_at), publishes, then marks it 'retried', or 'dead' again when RabbitMQ did not take it,
-- or 'unconfirmed' when RabbitMQ did not confirm in time (a late confirm may mean it was delivered: the operator
-- checks before retrying it again). retry_detail says why the last retry did not end in 'retried'.
ALTER TABLE dead_letter DROP CONSTRAINT dead_letter_status_check;
ALTER TABLE dead_letter ADD CONSTRAINT dead_letter_status_check
    CHECK (status IN ('dead', 'retrying', 'retried', 'unconfirmed', 'discarded'));
ALTER TABLE dead_letter ADD COLUMN retry_detail TEXT;
