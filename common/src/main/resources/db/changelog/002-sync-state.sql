--liquibase formatted sql

--changeset syncplane:002-sync-state
-- The ledger: one row per (connection, source). The truth the Redis queue is rebuilt from.
CREATE TABLE sync_state (
    id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id               bigint      NOT NULL REFERENCES google_connection (id),
    user_id                     bigint      NOT NULL REFERENCES app_user (id),
    source                      text        NOT NULL,
    status                      text        NOT NULL,
    -- Gmail historyId, Calendar/People syncToken, Tasks updatedMin; null means the next run is a full sync.
    sync_cursor                 text,
    -- When the next run is due; null while nothing is scheduled (needs re-authorisation, disabled).
    next_sync_at                timestamptz,
    last_sync_at                timestamptz,
    last_successful_sync_at     timestamptz,
    consecutive_errors          integer     NOT NULL DEFAULT 0,
    last_error                  text,
    last_error_at               timestamptz,
    rate_limited_until          timestamptz,
    items_last_run              bigint      NOT NULL DEFAULT 0,
    items_total                 bigint      NOT NULL DEFAULT 0,
    -- Checkpoint of the running (or interrupted) sync, so it can resume where it stopped.
    checkpoint_phase            text,
    checkpoint_page_token       text,
    checkpoint_pending_cursor   text,
    checkpoint_items_added      bigint,
    checkpoint_items_updated    bigint,
    checkpoint_items_deleted    bigint,
    checkpoint_items_estimated  bigint,
    checkpoint_at               timestamptz,
    current_run_id              bigint,
    current_run_mode            text,
    lease_owner                 text,
    lease_expires_at            timestamptz,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL,
    version                     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT sync_state_connection_source_key UNIQUE (connection_id, source),
    CONSTRAINT sync_state_status_check
        CHECK (status IN ('idle', 'syncing', 'error', 'rate_limited', 'needs_reauth', 'disabled')),
    CONSTRAINT sync_state_lease_check
        CHECK ((status = 'syncing') = (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL))
);

-- Scanner indexes are partial, so each scan reads only the rows it returns, whatever the table size.
CREATE INDEX sync_state_due_idx ON sync_state (next_sync_at, id)
    WHERE status IN ('idle', 'error', 'rate_limited');
CREATE INDEX sync_state_interrupted_idx ON sync_state (lease_expires_at, id)
    WHERE status = 'syncing';
CREATE INDEX sync_state_stale_idx ON sync_state ((coalesce(last_successful_sync_at, created_at)), id)
    WHERE status <> 'disabled';
CREATE INDEX sync_state_user_idx ON sync_state (user_id);
