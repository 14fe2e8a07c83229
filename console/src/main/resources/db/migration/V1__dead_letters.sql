-- Every message the console drained from a dead-letter queue, and what an operator did with it.
-- A message is stored once: a redelivery (the console stopped between its commit and its acknowledgement)
-- finds its row by queue, message id and the time it was dead-lettered.
CREATE TABLE dead_letter (
    id                   BIGSERIAL PRIMARY KEY,
    queue                TEXT        NOT NULL,
    -- the AMQP message id, or "sha256:<hex of the body>" for a message without one
    message_id           TEXT        NOT NULL,
    has_message_id       BOOLEAN     NOT NULL,
    dead_lettered_at     TIMESTAMPTZ,
    received_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    original_queue       TEXT,
    original_exchange    TEXT,
    original_routing_key TEXT,
    reason               TEXT,
    content_type         TEXT,
    content_encoding     TEXT,
    message_type         TEXT,
    headers              JSONB       NOT NULL,
    body                 BYTEA       NOT NULL,
    status               TEXT        NOT NULL DEFAULT 'dead' CHECK (status IN ('dead', 'retried', 'discarded')),
    acted_at             TIMESTAMPTZ,
    acted_by             TEXT,
    discard_reason       TEXT,
    CONSTRAINT dead_letter_once UNIQUE NULLS NOT DISTINCT (queue, message_id, dead_lettered_at)
);

CREATE INDEX dead_letter_by_queue ON dead_letter (queue, status, id DESC);
