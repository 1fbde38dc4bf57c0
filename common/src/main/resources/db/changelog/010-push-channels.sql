--liquibase formatted sql

--changeset syncplane:010-push-channel
-- The push channels Syncplane holds at Google: Gmail watches (one per connection, renewed in place) and Calendar
-- channels (several per connection during a renewal overlap, because a channel cannot be renewed, only replaced).
-- A row stays 'active' until it has been stopped at Google (or Google said it is gone), so notifications from both
-- channels of an overlap are accepted.
CREATE TABLE push_channel (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id        bigint      NOT NULL REFERENCES google_connection (id),
    user_id              bigint      NOT NULL,
    source               text        NOT NULL CHECK (source IN ('gmail', 'calendar')),
    -- Calendar: the id Syncplane chose (X-Goog-Channel-ID); Gmail: 'gmail:<connectionId>:<random>', ours only.
    channel_id           text        NOT NULL UNIQUE,
    -- Calendar: X-Goog-Resource-ID from the watch answer, needed by channels.stop. Null for Gmail.
    resource_id          text,
    calendar_id          text,
    -- SHA-256 of the random per-channel token (X-Goog-Channel-Token); the token itself is never stored. Null for Gmail.
    token_hash           bytea,
    expires_at           timestamptz NOT NULL,
    status               text        NOT NULL CHECK (status IN ('active', 'stopped')),
    created_at           timestamptz NOT NULL,
    last_notification_at timestamptz,
    -- Calendar X-Goog-Message-Number of the newest notification seen: anything at or below it is a duplicate.
    last_message_number  bigint,
    stopped_at           timestamptz
);
CREATE INDEX push_channel_connection_idx ON push_channel (connection_id, source);
-- Renewal scans only live channels, ordered by expiry.
CREATE INDEX push_channel_expiry_idx ON push_channel (expires_at) WHERE status = 'active';

--changeset syncplane:010-push-channel-grants
-- The webhooks (api-service) read channels and record notifications; creating and stopping them is the worker's.
GRANT SELECT, UPDATE ON push_channel TO syncplane_api, syncplane_api_operator;

--changeset syncplane:010-push-channel-row-level-security
-- Same shape as the other per-user tables (008): a channel reaches its owner through google_connection, whose own
-- policy already filters to the caller. The worker connects as the owner and bypasses RLS by design.
ALTER TABLE push_channel ENABLE ROW LEVEL SECURITY;
CREATE POLICY push_channel_own ON push_channel TO syncplane_api
    USING (connection_id IN (SELECT c.id FROM google_connection c));
CREATE POLICY push_channel_operator ON push_channel TO syncplane_api_operator USING (true);
