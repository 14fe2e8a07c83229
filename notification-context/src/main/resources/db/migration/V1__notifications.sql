-- Every notification sent, one per order-created message: the unique message id (the order-placed
-- event's id, set by ordering as AMQP message id) makes a redelivered or duplicated message a no-op.
CREATE TABLE notifications (
    id         BIGSERIAL    PRIMARY KEY,
    message_id VARCHAR(255) NOT NULL UNIQUE,
    order_id   BIGINT       NOT NULL,
    user_id    BIGINT       NOT NULL,
    channel    VARCHAR(50)  NOT NULL,
    message    TEXT         NOT NULL,
    status     VARCHAR(20)  NOT NULL,
    -- When the message was received and the notification sent (not the order's own time).
    created_at TIMESTAMPTZ  NOT NULL
);

-- GET /notifications: one user's, newest first.
CREATE INDEX notifications_user_newest ON notifications (user_id, created_at DESC, id DESC);
