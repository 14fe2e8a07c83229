-- Usernames are unique by their canonical form (NFKC of the lower case, computed by the service), so that
-- "Alice" and "alice" cannot both register. Existing names get theirs, except names that would clash with
-- another existing one: those accounts keep working by their exact name.
ALTER TABLE user_credentials ADD COLUMN canonical_username VARCHAR(200);
UPDATE user_credentials c SET canonical_username = lower(username)
WHERE NOT EXISTS (SELECT 1 FROM user_credentials o WHERE o.user_id <> c.user_id AND lower(o.username) = lower(c.username));
CREATE UNIQUE INDEX user_credentials_canonical_username_key ON user_credentials (canonical_username);

-- When the password last changed: tokens issued before it are refused by every service.
ALTER TABLE user_credentials ADD COLUMN password_changed_at TIMESTAMPTZ;
CREATE INDEX user_credentials_password_changed_at_idx ON user_credentials (password_changed_at)
    WHERE password_changed_at IS NOT NULL;
