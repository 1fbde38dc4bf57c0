--liquibase formatted sql

--changeset syncplane:004-synced-data
-- The synced copies. Every table: keyed by connection and Google id; typed columns for what applications query;
-- the raw JSON as Google sent it; a checksum so an unchanged item is not rewritten; sync_generation, the full sync
-- that last saw the item (for the sweep that finds deletions); change_seq, advanced by every write, for the change
-- feed; deleted_at for tombstones (rows are never hard-deleted by syncing).
CREATE SEQUENCE synced_change_seq;

CREATE TABLE gmail_message (
    connection_id   bigint      NOT NULL REFERENCES google_connection (id),
    message_id      text        NOT NULL,
    thread_id       text,
    history_id      text,
    internal_date   timestamptz,
    from_header     text,
    to_header       text,
    subject         text,
    label_ids       text[]      NOT NULL DEFAULT '{}',
    snippet         text,
    size_estimate   integer,
    raw             jsonb       NOT NULL,
    checksum        bytea       NOT NULL,
    sync_generation bigint      NOT NULL,
    change_seq      bigint      NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    deleted_at      timestamptz,
    PRIMARY KEY (connection_id, message_id)
);
CREATE INDEX gmail_message_date_idx ON gmail_message (connection_id, internal_date DESC) WHERE deleted_at IS NULL;
CREATE INDEX gmail_message_labels_idx ON gmail_message USING gin (label_ids);
CREATE INDEX gmail_message_change_idx ON gmail_message (connection_id, change_seq);

CREATE TABLE calendar_event (
    connection_id      bigint      NOT NULL REFERENCES google_connection (id),
    calendar_id        text        NOT NULL,
    event_id           text        NOT NULL,
    status             text,
    summary            text,
    start_at           timestamptz,
    end_at             timestamptz,
    all_day            boolean,
    recurring_event_id text,
    original_start_at  timestamptz,
    event_updated_at   timestamptz,
    raw                jsonb       NOT NULL,
    checksum           bytea       NOT NULL,
    sync_generation    bigint      NOT NULL,
    change_seq         bigint      NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    deleted_at         timestamptz,
    PRIMARY KEY (connection_id, calendar_id, event_id)
);
CREATE INDEX calendar_event_start_idx ON calendar_event (connection_id, start_at) WHERE deleted_at IS NULL;
CREATE INDEX calendar_event_change_idx ON calendar_event (connection_id, change_seq);

CREATE TABLE contact (
    connection_id   bigint      NOT NULL REFERENCES google_connection (id),
    resource_name   text        NOT NULL,
    display_name    text,
    given_name      text,
    family_name     text,
    emails          text[]      NOT NULL DEFAULT '{}',
    phone_numbers   text[]      NOT NULL DEFAULT '{}',
    organization    text,
    raw             jsonb       NOT NULL,
    checksum        bytea       NOT NULL,
    sync_generation bigint      NOT NULL,
    change_seq      bigint      NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    deleted_at      timestamptz,
    PRIMARY KEY (connection_id, resource_name)
);
CREATE INDEX contact_name_idx ON contact (connection_id, display_name) WHERE deleted_at IS NULL;
CREATE INDEX contact_emails_idx ON contact USING gin (emails);
CREATE INDEX contact_change_idx ON contact (connection_id, change_seq);

CREATE TABLE task (
    connection_id   bigint      NOT NULL REFERENCES google_connection (id),
    tasklist_id     text        NOT NULL,
    task_id         text        NOT NULL,
    title           text,
    status          text,
    due             date,
    completed_at    timestamptz,
    task_updated_at timestamptz,
    parent_id       text,
    hidden          boolean,
    raw             jsonb       NOT NULL,
    checksum        bytea       NOT NULL,
    sync_generation bigint      NOT NULL,
    change_seq      bigint      NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    deleted_at      timestamptz,
    PRIMARY KEY (connection_id, tasklist_id, task_id)
);
CREATE INDEX task_due_idx ON task (connection_id, due) WHERE deleted_at IS NULL;
CREATE INDEX task_change_idx ON task (connection_id, change_seq);

--changeset syncplane:004-checkpoint-generation
-- The generation a full sync marks what it sees with; kept across resumes so a resumed full sync sweeps correctly.
ALTER TABLE sync_state ADD COLUMN checkpoint_generation bigint;
