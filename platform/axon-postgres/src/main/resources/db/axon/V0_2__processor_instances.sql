-- The instances running this context's event processors, each seen again every couple of seconds: the
-- segment balancer gives each live instance its fair share of every processor's segments.
CREATE TABLE processor_instance (
    instance_id  VARCHAR(255) PRIMARY KEY,
    heartbeat_at TIMESTAMPTZ  NOT NULL
);

-- A processor an instance is about to replay: the other instances stop it (releasing its segments) until
-- the row is gone or expired, so that the replaying instance can reset every segment.
CREATE TABLE processor_pause (
    processor_name VARCHAR(255) PRIMARY KEY,
    requested_by   VARCHAR(255) NOT NULL,
    until          TIMESTAMPTZ  NOT NULL
);
