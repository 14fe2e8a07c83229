-- Ids of new users (the aggregate identifiers): one sequence of this context's own.
CREATE SEQUENCE user_id_seq;

-- Command side, written in the same transaction as the user's event: the unique username decides
-- concurrent registrations, and the password hash stays out of the event store.
CREATE TABLE user_credentials (
    user_id       BIGINT       PRIMARY KEY,
    username      VARCHAR(50)  NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Read model of the user-view projection; rebuilt by replaying the event store.
CREATE TABLE users (
    id         BIGINT       PRIMARY KEY,
    username   VARCHAR(50)  NOT NULL,
    is_active  BOOLEAN      NOT NULL,
    roles      VARCHAR(200) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX users_username_idx ON users (username);
