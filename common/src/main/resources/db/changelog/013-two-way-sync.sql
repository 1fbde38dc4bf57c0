--liquibase formatted sql

--changeset syncplane:013-outbound-operation
-- The outbox of two-way sync (io.syncplane.writeback): every change an application asks Syncplane to make at Google,
-- recorded here first, in the same transaction that makes its source due, and sent to Google later by the worker that
-- runs that source's sync (so one (connection, source) has one writer at a time, under the same lease, backoff and
-- per-user request budget as its reads). Rows are never deleted by the worker: the row is the operation's receipt.
CREATE TABLE outbound_operation (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id             bigint      NOT NULL REFERENCES app_user (id),
    connection_id       bigint      NOT NULL REFERENCES google_connection (id),
    source              text        NOT NULL,
    kind                text        NOT NULL CHECK (kind IN ('create', 'update', 'delete')),
    -- the calendar or task list; null for contacts and mail
    container_id        text,
    -- Google's id of the item; for a calendar create the id Syncplane chose for it (Calendar accepts client ids),
    -- which is what makes a retried insert safe; null for other creates until Google has answered
    item_id             text,
    -- a task moved to another list
    destination_id      text,
    -- the feed version (change_seq) of the item the application last read; null for creates
    base_version        bigint,
    fields              jsonb       NOT NULL,
    app_fields          jsonb,
    idempotency_key     text        NOT NULL,
    -- SHA-256 of the operation as submitted: a reused key with a different operation is refused
    request_hash        bytea       NOT NULL,
    state               text        NOT NULL
        CHECK (state IN ('pending', 'sending', 'applied', 'conflict', 'failed')),
    attempts            integer     NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL,
    last_error          text,
    result_item_id      text,
    result_etag         text,
    result_version      bigint,
    -- when the application made the change (its own clock if it said so, else submission): "newer wins" compares it
    -- with Google's modification time of the item
    modified_at         timestamptz NOT NULL,
    submitted_at        timestamptz NOT NULL,
    finished_at         timestamptz,
    CONSTRAINT outbound_operation_idempotency_key UNIQUE (user_id, idempotency_key)
);
-- The worker's drain: the unfinished operations of one (connection, source), oldest first.
CREATE INDEX outbound_operation_open_idx ON outbound_operation (connection_id, source, id)
    WHERE state IN ('pending', 'sending');
CREATE INDEX outbound_operation_user_idx ON outbound_operation (user_id, id);

-- Every conflict: both versions and what was decided, kept for the application to read.
CREATE TABLE write_conflict (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operation_id            bigint      NOT NULL REFERENCES outbound_operation (id),
    user_id                 bigint      NOT NULL REFERENCES app_user (id),
    connection_id           bigint      NOT NULL REFERENCES google_connection (id),
    source                  text        NOT NULL,
    item_id                 text        NOT NULL,
    policy                  text        NOT NULL,
    decision                text        NOT NULL CHECK (decision IN ('google_won', 'application_won')),
    reason                  text        NOT NULL,
    google_version          jsonb,
    google_modified_at      timestamptz,
    application_version     jsonb       NOT NULL,
    application_modified_at timestamptz NOT NULL,
    detected_at             timestamptz NOT NULL
);
CREATE INDEX write_conflict_user_idx ON write_conflict (user_id, id);
CREATE INDEX write_conflict_operation_idx ON write_conflict (operation_id);

--changeset syncplane:013-outbox-pending
-- Set (to a new time each time) by whoever records operations for a source; cleared by the worker, only if still the
-- value it saw, once nothing is left to send. It rides on the row the worker's start statement already returns, so
-- a sync with nothing to send pays no extra statement for two-way sync.
ALTER TABLE sync_state ADD COLUMN outbox_pending_since timestamptz;

--changeset syncplane:013-app-data-and-echo
-- app_data: fields the application owns next to Google's (CRM data beside a contact); syncing never writes it.
-- echo_fingerprint: the etag (Gmail: historyId) of Syncplane's own accepted write of the row; when a sync brings that
-- same version back, it is the write's echo, stored without moving the row in the change feed.
ALTER TABLE gmail_message ADD COLUMN app_data jsonb, ADD COLUMN echo_fingerprint text;
ALTER TABLE calendar_event ADD COLUMN app_data jsonb, ADD COLUMN echo_fingerprint text;
ALTER TABLE contact ADD COLUMN app_data jsonb, ADD COLUMN echo_fingerprint text;
ALTER TABLE task ADD COLUMN app_data jsonb, ADD COLUMN echo_fingerprint text;

--changeset syncplane:013-two-way-sync-grants splitStatements:false
-- The api-service records operations (and finishes those that only set app-owned fields) and writes app-owned
-- fields; sending operations to Google, and every other write, is the worker's.
GRANT SELECT, INSERT, UPDATE ON outbound_operation TO syncplane_api, syncplane_api_operator;
GRANT SELECT ON write_conflict TO syncplane_api, syncplane_api_operator;
GRANT UPDATE (app_data, change_seq, change_xid, updated_at) ON gmail_message, calendar_event, contact, task
    TO syncplane_api, syncplane_api_operator;
GRANT USAGE ON SEQUENCE synced_change_seq TO syncplane_api, syncplane_api_operator;

--changeset syncplane:013-two-way-sync-row-level-security
ALTER TABLE outbound_operation ENABLE ROW LEVEL SECURITY;
CREATE POLICY outbound_operation_own ON outbound_operation TO syncplane_api
    USING (user_id = syncplane_caller_user());
CREATE POLICY outbound_operation_operator ON outbound_operation TO syncplane_api_operator USING (true);

ALTER TABLE write_conflict ENABLE ROW LEVEL SECURITY;
CREATE POLICY write_conflict_own ON write_conflict TO syncplane_api USING (user_id = syncplane_caller_user());
CREATE POLICY write_conflict_operator ON write_conflict TO syncplane_api_operator USING (true);
