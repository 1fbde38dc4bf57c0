--liquibase formatted sql

--changeset syncplane:003-sync-run
-- One row per sync run (the ingestion event log). Pruned by age in batches through sync_run_started_idx.
CREATE TABLE sync_run (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sync_state_id   bigint      NOT NULL REFERENCES sync_state (id) ON DELETE CASCADE,
    connection_id   bigint      NOT NULL,
    source          text        NOT NULL,
    trigger         text        NOT NULL,
    mode            text        NOT NULL,
    worker_id       text        NOT NULL,
    started_at      timestamptz NOT NULL,
    ended_at        timestamptz,
    duration_ms     bigint,
    items_added     bigint      NOT NULL DEFAULT 0,
    items_updated   bigint      NOT NULL DEFAULT 0,
    items_deleted   bigint      NOT NULL DEFAULT 0,
    outcome         text        NOT NULL,
    error           text,
    CONSTRAINT sync_run_trigger_check CHECK (trigger IN ('manual', 'push', 'schedule', 'recovery')),
    CONSTRAINT sync_run_mode_check CHECK (mode IN ('full', 'incremental')),
    CONSTRAINT sync_run_outcome_check CHECK (outcome IN
        ('running', 'succeeded', 'failed', 'rate_limited', 'interrupted', 'released', 'needs_reauth', 'cancelled'))
);
CREATE INDEX sync_run_started_idx ON sync_run (started_at);
CREATE INDEX sync_run_state_idx ON sync_run (sync_state_id, started_at DESC);
